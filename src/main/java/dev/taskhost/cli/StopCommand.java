package dev.taskhost.cli;

import dev.taskhost.guard.InstanceLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stop}: SIGTERM to the verified host, then waits for it to release the lock. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Ask the running host to shut down gracefully and wait. Exit status: 0"
        + " stopped or was not running, 1 still running at the timeout.")
final class StopCommand implements Callable<Integer> {
  private static final long POLL_MS = 50;

  @Mixin
  ConfigOption config;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "Seconds to wait for the host to stop (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Path stateDir = config.stateDir();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds < 0) {
      err.println("taskhost: --timeout " + timeoutSeconds + " is negative; give seconds >= 0");
      return ExitCodes.FAILURE;
    }
    if (!InstanceLock.isHeld(stateDir)) {
      out.println("taskhost is not running (state folder " + stateDir + "); nothing to stop.");
      return ExitCodes.OK;
    }
    HostSignals.Target target = HostSignals.find(stateDir);
    if (target.problem() != null) {
      err.println("taskhost: " + target.problem());
      return ExitCodes.FAILURE;
    }
    if (!HostSignals.terminate(target.pid())) {
      err.println("taskhost: could not send SIGTERM to PID " + target.pid()
          + "; check that it runs as your user");
      return ExitCodes.FAILURE;
    }
    long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
    while (InstanceLock.isHeld(stateDir)) {
      if (System.nanoTime() > deadline) {
        err.println("taskhost: PID " + target.pid() + " is still running after " + timeoutSeconds
            + " s; wait longer with --timeout, or check its log");
        return ExitCodes.FAILURE;
      }
      Thread.sleep(POLL_MS);
    }
    out.println("taskhost (PID " + target.pid() + ") stopped.");
    return ExitCodes.OK;
  }
}
