package dev.taskhost.page;

import dev.taskhost.testing.FreePorts;
import dev.taskhost.testing.TaskhostProcess;
import dev.taskhost.testing.Workspaces;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built taskhost jar serving a fresh copy of the fixture workspace, for the browser tests: a
 * thin layer over {@link TaskhostProcess} that rewrites the config to move, disable or enable the
 * task-notes server while the host runs.
 */
final class JarHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JarHost.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(15);

  private final TaskhostProcess process;
  private final Path workspace;
  private final int managerPort;
  private int notesPort;
  private boolean notesEnabled = true;

  private JarHost(TaskhostProcess process, Path workspace) {
    this.process = process;
    this.workspace = workspace;
    this.managerPort = process.managerPort();
    this.notesPort = process.notesPort();
  }

  /** Starts the jar on free ports over a copy of the fixture workspace in `tempDir`. */
  static JarHost start(Path tempDir) throws Exception {
    Path workspace = Workspaces.copy("workspace", tempDir.resolve("workspace"));
    TaskhostProcess process =
        TaskhostProcess.create(Files.createDirectories(tempDir.resolve("host")), workspace);
    JarHost host = new JarHost(process, workspace);
    try {
      host.writeConfig();
      process.startAndAwait();
    } catch (Exception | AssertionError e) {
      process.close();
      throw e;
    }
    LOG.info(
        "taskhost serves the page on port {} and notes on port {}",
        host.managerPort,
        host.notesPort);
    return host;
  }

  /** Returns the task-manager origin, such as `http://127.0.0.1:41234`. */
  String pageUrl() {
    return "http://127.0.0.1:" + managerPort;
  }

  int managerPort() {
    return managerPort;
  }

  /** Returns the port the task-notes server listens on now. */
  int notesPort() {
    return notesPort;
  }

  /** Returns the workspace folder the host serves, a temporary copy that tests may edit. */
  Path workspace() {
    return workspace;
  }

  Path configFile() {
    return process.config();
  }

  /** Returns the host's log so far, for assertion messages. */
  String log() {
    return process.log();
  }

  /**
   * Replaces a workspace file the way another program should: a temporary file in the same folder,
   * renamed over the target.
   */
  void replaceWorkspaceFile(String relativeFile, String content) throws IOException {
    Path target = workspace.resolve(relativeFile);
    Path temporary = Files.createTempFile(target.getParent(), ".edit-", ".tmp");
    Files.writeString(temporary, content);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Moves the task-notes server to another port and waits until its /health returns 200 there. */
  void moveNotesServer(int newPort) throws Exception {
    notesPort = newPort;
    writeConfig();
    process.await(
        "task-notes answers /health on port " + newPort,
        CONFIG_TIMEOUT,
        () -> TaskhostProcess.healthy(newPort));
  }

  /** Sets `enabled` of task-notes in the config file and waits until its port opens or closes. */
  void setNotesEnabled(boolean enabled) throws Exception {
    notesEnabled = enabled;
    writeConfig();
    int port = notesPort;
    process.await(
        "task-notes " + (enabled ? "answers" : "stops answering") + " on port " + port,
        CONFIG_TIMEOUT,
        () -> TaskhostProcess.healthy(port) == enabled);
  }

  private void writeConfig() throws IOException {
    JsonObject servers =
        new JsonObject()
            .put("task-manager", new JsonObject().put("port", managerPort))
            .put(
                "task-notes", new JsonObject().put("enabled", notesEnabled).put("port", notesPort));
    JsonObject content =
        new JsonObject()
            .put("workspace", workspace.toString())
            .put("servers", servers)
            .put("reload", new JsonObject().put("scanPeriodMs", 200))
            .put("portConflict", new JsonObject().put("maxBackoffMs", 2000));
    replaceConfig(content.encodePrettily());
  }

  /**
   * Replaces the config file with `text`, valid or not, renamed into place so the host never reads
   * half a file.
   */
  void replaceConfig(String text) throws IOException {
    Path config = process.config();
    Path next = config.resolveSibling(config.getFileName() + ".next");
    Files.writeString(next, text);
    Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns a port that was free on 127.0.0.1 a moment ago and is neither server's port. */
  int unusedPort() {
    return FreePorts.nextExcept(managerPort, notesPort);
  }

  @Override
  public void close() {
    process.close();
  }
}
