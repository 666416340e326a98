package dev.taskhost.testing;

/** What a finished taskhost command printed and its exit status. */
public record CommandResult(int exitCode, String stdout, String stderr) {
  /** Both streams, for assertion messages. */
  public String output() {
    return stdout + stderr;
  }
}
