package dev.taskhost.cli;

/** Formats durations for people. */
final class Durations {
  private Durations() {
  }

  /** "3 s", "4 min 12 s", "2 h 5 min". */
  static String human(long millis) {
    long seconds = millis / 1_000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3_600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
  }
}
