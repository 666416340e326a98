package dev.taskhost.workspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one task on its own thread whenever requested; requests made while a run is queued fold
 * into that run, and a request made during a run causes exactly one more run.
 */
final class CoalescingRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescingRunner.class);

    private final Runnable task;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescingRunner(String threadName, Runnable task) {
        this.task = task;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(this::runOnce);
            } catch (java.util.concurrent.RejectedExecutionException e) {
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

    /** Finishes a queued run, then stops the thread. */
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
