package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the task files with the rules of the loader the workspace's other tools use.
 *
 * <p>{@code clients/*} in name order, skipping entries that are not folders, folders whose name
 * starts with {@code _}, the folder named like the personal file's folder, and folders with neither
 * {@code tasks.json} nor {@code tasks-completed.md}. A file whose stamp has not changed since the
 * previous scan is reused without reading it.
 */
final class WorkspaceScanner {
  static final String CLIENTS = "clients";
  static final String TASKS_FILE = "tasks.json";
  static final String COMPLETED_FILE = "tasks-completed.md";

  private final Path workspace;
  private final PersonalTasks personal;

  WorkspaceScanner(Path workspace, PersonalTasks personal) {
    this.workspace = workspace;
    this.personal = personal;
  }

  /** Scans the workspace, reusing unchanged files of {@code previous}. */
  WorkspaceScan scan(WorkspaceScan previous) throws IOException {
    if (!Files.isDirectory(workspace)) {
      throw new IOException("workspace folder " + workspace + " does not exist or is not a folder");
    }
    Map<String, WorkspaceFile> known = new HashMap<>();
    for (ClientSource client : previous.clients()) {
      if (client.file() != null) {
        known.put(client.file().relativePath(), client.file());
      }
    }
    if (previous.personal() != null) {
      known.put(previous.personal().file().relativePath(), previous.personal().file());
    }

    List<WorkspaceWarning> warnings = new ArrayList<>();
    List<ClientSource> clients = scanClients(known, warnings);
    ClientSource personalClient = scanPersonal(known);
    return new WorkspaceScan(List.copyOf(clients), personalClient, List.copyOf(warnings));
  }

  private List<ClientSource> scanClients(
      Map<String, WorkspaceFile> known, List<WorkspaceWarning> warnings) throws IOException {
    Path clientsFolder = workspace.resolve(CLIENTS);
    List<ClientSource> clients = new ArrayList<>();
    if (!Files.isDirectory(clientsFolder)) {
      return clients;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(clientsFolder)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    names.sort(null);
    String skippedFolder = personalFolderName();
    for (String name : names) {
      Path folder = clientsFolder.resolve(name);
      if (!Files.isDirectory(folder) || name.startsWith("_") || name.equals(skippedFolder)) {
        continue;
      }
      String relative = CLIENTS + "/" + name + "/" + TASKS_FILE;
      Path tasksFile = folder.resolve(TASKS_FILE);
      FileStamp stamp = FileStamp.of(tasksFile);
      WorkspaceFile file = null;
      if (stamp.exists()) {
        WorkspaceFile old = known.get(relative);
        file =
            old != null && old.stamp().sameAs(stamp)
                ? old
                : WorkspaceFile.read(relative, tasksFile);
      } else if (!Files.exists(folder.resolve(COMPLETED_FILE))) {
        continue;
      }
      clients.add(new ClientSource(clientKey(name, warnings), displayName(name), file, false));
    }
    return clients;
  }

  /**
   * Returns the client key of a folder. A folder named like the personal client stays its own
   * client under the key {@code clients/<name>}, which no folder name can collide with, and is
   * reported.
   */
  private String clientKey(String name, List<WorkspaceWarning> warnings) {
    if (personal == null || !name.equals(personal.client())) {
      return name;
    }
    String key = CLIENTS + "/" + name;
    warnings.add(
        new WorkspaceWarning(
            key,
            "client folder "
                + key
                + " has the name of the personal client \""
                + name
                + "\"; it is shown as a separate client named \""
                + key
                + "\" and its tasks are not merged with "
                + personal.file()));
    return key;
  }

  private ClientSource scanPersonal(Map<String, WorkspaceFile> known) throws IOException {
    if (personal == null || personal.file() == null || personal.file().isBlank()) {
      return null;
    }
    String relative = personal.file().replace('\\', '/');
    Path path = workspace.resolve(relative).normalize();
    FileStamp stamp = FileStamp.of(path);
    if (!stamp.exists()) {
      return null;
    }
    WorkspaceFile old = known.get(relative);
    WorkspaceFile file =
        old != null && old.stamp().sameAs(stamp) ? old : WorkspaceFile.read(relative, path);
    String display =
        personal.display() != null ? personal.display() : displayName(personal.client());
    return new ClientSource(personal.client(), display, file, true);
  }

  /**
   * Returns the folder under {@code clients/} that the loader skips: the personal file's own folder
   * name.
   */
  private String personalFolderName() {
    if (personal == null || personal.file() == null) {
      return null;
    }
    Path parent = Path.of(personal.file().replace('\\', '/')).getParent();
    return parent == null ? null : parent.getFileName().toString();
  }

  /**
   * Title-cases a folder name as the old loader did: "cafe-lumiere-roasters" gives "Cafe Lumiere
   * Roasters".
   */
  static String displayName(String slug) {
    String spaced = slug.replace('-', ' ').replace('_', ' ').trim();
    StringBuilder display = new StringBuilder(spaced.length());
    for (String word : spaced.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (display.length() > 0) {
        display.append(' ');
      }
      int first = word.codePointAt(0);
      display.appendCodePoint(Character.toTitleCase(first));
      display.append(word.substring(Character.charCount(first)).toLowerCase(Locale.ROOT));
    }
    return display.toString();
  }
}
