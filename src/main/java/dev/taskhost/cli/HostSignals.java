package dev.taskhost.cli;

import dev.taskhost.guard.HostProcess;
import dev.taskhost.guard.PidFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Finds the running host's PID and signals it, but only after confirming that the
 * lock is held and that the PID names a taskhost process, never a program that
 * reused a stale PID.
 */
final class HostSignals {
  /** The PID to signal, or the reason why none can be trusted. */
  record Target(long pid, String problem) {
  }

  private HostSignals() {
  }

  static Target find(Path stateDir) {
    OptionalLong pid = PidFile.read(stateDir);
    if (pid.isEmpty()) {
      return new Target(-1, "the lock in " + stateDir + " is held, but " + PidFile.FILE_NAME
          + " is missing or does not hold a PID, so the host cannot be identified safely;"
          + " find it with: lsof " + stateDir.resolve("taskhost.lock"));
    }
    long value = pid.getAsLong();
    if (!HostProcess.isTaskhost(value) && !confirmedByHost(stateDir, value)) {
      String command = HostProcess.commandLine(value).orElse("not running or not visible");
      return new Target(-1, "PID " + value + " from " + stateDir.resolve(PidFile.FILE_NAME)
          + " is not a taskhost process (" + command + "); no signal was sent. If the host runs"
          + " from a jar of another name, stop it with kill -TERM and its PID from '"
          + "status'");
    }
    return new Target(value, null);
  }

  // A host started from a renamed jar fails the command-line check, but its own
  // live snapshot names its PID.
  private static boolean confirmedByHost(Path stateDir, long pid) {
    return SnapshotClient.fetch(dev.taskhost.guard.RunningHost.read(stateDir))
        .map(snapshot -> snapshot.path("host").path("pid").asLong(-1) == pid)
        .orElse(false);
  }

  /** Sends SIGTERM. */
  static boolean terminate(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
  }

  /** Sends SIGHUP with kill(1): the JDK has no API for other signals. */
  static boolean hangUp(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      return false;
    }
    return kill.exitValue() == 0;
  }
}
