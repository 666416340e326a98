package dev.taskhost.workspace;

/**
 * A client as the page shows it: a folder under {@code clients/}, or the personal tasks file.
 *
 * @param name key in {@code tasks_by_client} and the tasks' {@code client_name}
 * @param display display name
 * @param file its tasks file; null for a folder that has only {@code tasks-completed.md}
 * @param personal whether this is the personal tasks file
 */
record ClientSource(String name, String display, WorkspaceFile file, boolean personal) {
}
