package dev.taskhost.host;

import dev.taskhost.config.HostConfig;
import dev.taskhost.config.PersonalTasksConfig;
import dev.taskhost.workspace.PersonalTasks;
import dev.taskhost.workspace.TaskStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the task store the config names, or the bundled sample when it names none. */
final class Workspaces {
  private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);

  private static final java.util.regex.Pattern STALE_TEMP =
      java.util.regex.Pattern.compile("\\.(tasks\\.json|manual-task-notes\\.json)\\.-?\\d+\\.tmp");

  private Workspaces() {
  }

  /**
   * Deletes temporary files that a write interrupted by kill -9 or a power cut
   * left beside a task file or the notes queue. The host holds the lock, so no
   * write of its own is in flight, and the name pattern is the writer's own.
   */
  static void removeStaleTempFiles(Path folder) throws IOException {
    try (var files = Files.find(folder, 3, (path, attributes) -> attributes.isRegularFile()
        && STALE_TEMP.matcher(path.getFileName().toString()).matches())) {
      for (Path stale : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(stale);
        LOG.info("Removed {}, left by an interrupted write", stale);
      }
    }
  }

  /** Returns the workspace folder for {@code config}. */
  static Path pathOf(HostConfig config, Path stateDir) {
    return config == null || config.workspace() == null
        ? stateDir.resolve(SampleWorkspace.FOLDER)
        : config.workspace();
  }

  /** Starts {@link #open} on a thread of its own, so it can overlap the start of Vert.x. */
  static CompletableFuture<TaskStore> openInBackground(HostConfig config, Path stateDir,
      Runnable onNoteView) {
    CompletableFuture<TaskStore> loaded = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        loaded.complete(open(config, stateDir, onNoteView));
      } catch (IOException | RuntimeException e) {
        loaded.completeExceptionally(e);
      }
    }, "taskhost-workspace-load");
    thread.setDaemon(true);
    thread.start();
    return loaded;
  }

  /**
   * Loads the whole workspace (blocking); fails with a message naming the folder.
   * {@code onNoteView} runs when a view rebuilt after saved notes is ready.
   */
  static TaskStore open(HostConfig config, Path stateDir, Runnable onNoteView) throws IOException {
    Path folder;
    if (config.workspace() == null) {
      folder = SampleWorkspace.ensure(stateDir);
      LOG.info("Serving the bundled sample workspace at {}; set \"workspace\" in {} to serve"
          + " your own", folder, config.origin());
    } else {
      folder = config.workspace();
      if (!Files.isDirectory(folder)) {
        throw new IOException("workspace: folder " + folder + " does not exist; create it or"
            + " fix \"workspace\" in " + config.origin());
      }
    }
    removeStaleTempFiles(folder);
    PersonalTasksConfig personal = config.personalTasks();
    TaskStore store = new TaskStore(folder, personal == null ? null
        : new PersonalTasks(personal.file(), personal.client(), personal.display()));
    store.onViewChanged(view -> onNoteView.run());
    store.reload();
    store.warnings().forEach(w -> LOG.warn("Workspace warning: {}", w.message()));
    return store;
  }
}
