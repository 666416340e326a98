package dev.taskhost.workspace;

/**
 * Outcome of a durable note save.
 *
 * @param taskId id of the task that received the note
 * @param file task file that was written, relative to the workspace root
 * @param message human-readable confirmation
 * @param notesCount entries in the notes queue after this note was appended
 */
public record NoteResult(String taskId, String file, String message, int notesCount) {
}
