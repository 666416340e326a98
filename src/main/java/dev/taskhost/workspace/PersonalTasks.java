package dev.taskhost.workspace;

/**
 * The personal tasks file, shown as one more client.
 *
 * @param file path relative to the workspace root, for example {@code roksys/tasks.json}
 * @param client client name given to its tasks, for example {@code roksys-personal}
 * @param display display name of that client
 */
public record PersonalTasks(String file, String client, String display) {
}
