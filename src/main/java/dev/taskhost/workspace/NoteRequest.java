package dev.taskhost.workspace;

/**
 * A note to append to a task, as sent to {@code POST /save-note}.
 *
 * <p>The task is found by {@code taskId} alone. {@code client}, {@code taskTitle},
 * {@code priority} and {@code dueDate} are copied into the notes queue entry; when one of them is
 * null the task's own value is used.
 */
public record NoteRequest(String taskId, String client, String taskTitle, String priority,
                          String dueDate, String noteText) {
}
