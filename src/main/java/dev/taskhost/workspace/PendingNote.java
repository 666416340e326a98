package dev.taskhost.workspace;

import java.util.concurrent.CompletableFuture;

/**
 * A note waiting for the writer thread.
 *
 * @param location where the task was at the last load; the writer looks the id up again in that file
 * @param result completed once the note is durable, or with a {@link NoteException}
 */
record PendingNote(NoteRequest request, TaskLocation location, CompletableFuture<NoteResult> result) {
}
