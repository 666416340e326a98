package dev.taskhost.cli;

/** Exit statuses of the command table. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int WARNINGS = 2;
  static final int NOT_RUNNING = 3;
  /** sysexits.h EX_CONFIG: {@code run --fail-fast} with an invalid config. */
  static final int CONFIG = 78;

  private ExitCodes() {
  }
}
