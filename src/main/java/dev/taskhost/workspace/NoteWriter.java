package dev.taskhost.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that writes notes, so each file has one writer.
 *
 * <p>Group commit: the thread takes every note queued while the previous batch was written and
 * hands them to the batch handler together, which writes each touched file once. Under load many
 * notes share one set of fsyncs instead of waiting for one set each.
 */
final class NoteWriter {
  private static final Logger LOG = LoggerFactory.getLogger(NoteWriter.class);
  private static final PendingNote STOP = new PendingNote(null, null, new CompletableFuture<>());

  private final BlockingQueue<PendingNote> queue = new LinkedBlockingQueue<>();
  private final Consumer<List<PendingNote>> batchHandler;
  private final Thread thread;
  private boolean closed;

  /** Starts the writer thread; {@code batchHandler} must complete every note it is given. */
  NoteWriter(Consumer<List<PendingNote>> batchHandler) {
    this.batchHandler = batchHandler;
    this.thread = new Thread(this::run, "taskhost-note-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a note; fails with 503 once {@link #close()} has begun. */
  CompletableFuture<NoteResult> submit(NoteRequest request, TaskLocation location)
      throws NoteException {
    PendingNote note = new PendingNote(request, location, new CompletableFuture<>());
    synchronized (this) {
      if (closed) {
        throw new NoteException(503, "the task store is shutting down; the note was not saved");
      }
      queue.add(note);
    }
    return note.result();
  }

  /** Writes every note already queued, then stops the thread. Later submissions fail with 503. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while waiting for queued notes to be written");
    }
  }

  private void run() {
    boolean stopping = false;
    while (!stopping) {
      List<PendingNote> batch = new ArrayList<>();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        LOG.warn("Note writer interrupted; queued notes are rejected");
        failAll(new ArrayList<>(queue));
        return;
      }
      queue.drainTo(batch);
      // Nothing is queued after STOP, because submit() checks closed under the same lock.
      stopping = batch.remove(STOP);
      if (batch.isEmpty()) {
        continue;
      }
      try {
        batchHandler.accept(batch);
      } catch (RuntimeException e) {
        LOG.error("Writing a batch of {} notes failed", batch.size(), e);
        failAll(batch);
      }
    }
  }

  private static void failAll(List<PendingNote> notes) {
    for (PendingNote note : notes) {
      note.result()
          .completeExceptionally(
              new NoteException(500, "the note writer failed; the note was not saved"));
    }
  }
}
