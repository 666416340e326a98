package dev.taskhost.workspace;

import java.util.List;

/**
 * The workspace's task files as one scan found them.
 *
 * @param clients folder clients in name order
 * @param personal the personal tasks client; null when not configured or its file is missing
 * @param warnings problems found by the scan itself
 */
record WorkspaceScan(
    List<ClientSource> clients, ClientSource personal, List<WorkspaceWarning> warnings) {
  static final WorkspaceScan EMPTY = new WorkspaceScan(List.of(), null, List.of());

  /** Returns the loaded file with this relative path, or null. */
  WorkspaceFile file(String relativePath) {
    for (ClientSource client : clients) {
      if (client.file() != null && client.file().relativePath().equals(relativePath)) {
        return client.file();
      }
    }
    if (personal != null && personal.file().relativePath().equals(relativePath)) {
      return personal.file();
    }
    return null;
  }
}
