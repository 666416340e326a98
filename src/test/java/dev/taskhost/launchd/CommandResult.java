package dev.taskhost.launchd;

/** Exit status and captured output of a finished child process. */
record CommandResult(int exitCode, String stdout, String stderr) {

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }
}
