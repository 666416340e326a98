package dev.taskhost.status;

/**
 * Rate-limits a repeating log line: the first occurrence logs at once, repeats
 * log at most once per interval with the count of those suppressed meanwhile.
 * Not thread-safe: use one per context.
 */
public final class LogThrottle {
  private final long intervalMs;
  private long lastLoggedMs = Long.MIN_VALUE;
  private int suppressed;

  public LogThrottle(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  /**
   * Returns -1 when this occurrence must stay silent, else the number of
   * occurrences suppressed since the last line that was logged.
   */
  public int admit(long nowMs) {
    if (lastLoggedMs != Long.MIN_VALUE && nowMs - lastLoggedMs < intervalMs) {
      suppressed++;
      return -1;
    }
    int count = suppressed;
    suppressed = 0;
    lastLoggedMs = nowMs;
    return count;
  }

  /** Forgets the history, so the next occurrence logs at once. */
  public void reset() {
    lastLoggedMs = Long.MIN_VALUE;
    suppressed = 0;
  }
}
