package dev.taskhost.workspace;

import java.util.concurrent.CompletableFuture;

/**
 * A note waiting for the writer thread.
 *
 * <p>Equality is identity: two requests with the same text are still two notes, and hashing the
 * location's task would walk its whole tree.
 *
 * @param location where the task was at the last load; the writer looks the id up again in that
 *     file
 * @param result completed once the note is durable, or with a {@link NoteException}
 */
record PendingNote(
    NoteRequest request, TaskLocation location, CompletableFuture<NoteResult> result) {
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
