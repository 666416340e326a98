package dev.taskhost.host;

/** Ends the process if a graceful shutdown hangs, still with status 0. */
final class ShutdownWatchdog {
  private ShutdownWatchdog() {
  }

  /** Runs {@code onTimeout} after {@code timeoutMs} on a daemon thread. */
  static void start(long timeoutMs, Runnable onTimeout) {
    Thread thread = new Thread(() -> {
      try {
        Thread.sleep(timeoutMs);
        onTimeout.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "taskhost-shutdown-watchdog");
    thread.setDaemon(true);
    thread.start();
  }
}
