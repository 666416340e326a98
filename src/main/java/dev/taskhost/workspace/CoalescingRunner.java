package dev.taskhost.workspace;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task on its own thread, a short delay after it is requested. Requests made while a run
 * is queued fold into that run, and a request made during a run causes one more run, so a burst of
 * requests shares one run.
 */
final class CoalescingRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CoalescingRunner.class);

  private final Runnable task;
  private final ScheduledExecutorService executor;
  private final long delayMillis;
  private final AtomicBoolean queued = new AtomicBoolean();

  CoalescingRunner(String threadName, long delayMillis, Runnable task) {
    this.task = task;
    this.delayMillis = delayMillis;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  void request() {
    if (queued.compareAndSet(false, true)) {
      try {
        executor.schedule(this::runOnce, delayMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        queued.set(false);
        LOG.debug("Run requested after close; ignored");
      }
    }
  }

  private void runOnce() {
    queued.set(false);
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Background task failed", e);
    }
  }

  /** Finishes a queued run (delayed runs still run), then stops the thread. */
  void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Background task still running 10 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
