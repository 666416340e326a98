package dev.taskhost.guard;

import java.util.Optional;

/** Facts about another process, as far as the OS reports them. */
public final class HostProcess {
  private HostProcess() {
  }

  /** Returns the command line of a live process, when the OS reports it. */
  public static Optional<String> commandLine(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> {
      ProcessHandle.Info info = p.info();
      if (info.commandLine().isPresent()) {
        return info.commandLine();
      }
      return info.command().map(cmd -> cmd + " " + String.join(" ", info.arguments().orElse(new String[0])));
    });
  }

  /**
   * Whether a live process is a taskhost host: its command line runs the taskhost
   * jar or main class. Guards {@code stop} against a PID reused by another program.
   */
  public static boolean isTaskhost(long pid) {
    return commandLine(pid).map(HostProcess::looksLikeTaskhost).orElse(false);
  }

  static boolean looksLikeTaskhost(String commandLine) {
    return commandLine.contains("taskhost.jar") || commandLine.contains("dev.taskhost.cli.Main")
        || commandLine.matches(".*taskhost[^/ ]*\\.jar.*");
  }
}
