package dev.taskhost.cli;

import dev.taskhost.config.ConfigException;
import dev.taskhost.config.ConfigLocation;
import dev.taskhost.config.HostConfig;
import dev.taskhost.guard.InstanceLock;
import dev.taskhost.guard.PidFile;
import dev.taskhost.guard.RunningHost;
import dev.taskhost.guard.StartFailures;
import dev.taskhost.config.StateDirs;
import dev.taskhost.host.Host;
import dev.taskhost.host.HostLaunch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: takes the lock before anything heavy loads, then runs the host in
 * the foreground. A duplicate start exits 0 so that launchd never restarts it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the host in the foreground (what the launchd agent starts).")
final class RunCommand implements Callable<Integer> {
  static final String SUPERVISOR_ENV = "TASKHOST_SUPERVISOR";

  @Mixin
  ConfigOption config;

  @Option(names = "--fail-fast",
      description = "Exit with status 78 on an invalid config instead of waiting for a fix.")
  boolean failFast;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ConfigLocation location = config.locate();
    Path stateDir = location.stateDir(System.getenv());
    PrintWriter err = spec.commandLine().getErr();
    String supervisor = supervisor();
    StartFailures failures = new StartFailures(stateDir, StateDirs.fallbackFor(System.getenv()));
    long now = System.currentTimeMillis();
    if (supervisor == null) {
      failures.clear();
    } else if (failures.shouldPark(now)) {
      return park(failures, now, err);
    }
    InstanceLock lock;
    try {
      lock = InstanceLock.tryAcquire(stateDir);
    } catch (IOException | RuntimeException e) {
      err.println("taskhost: cannot use the state folder " + stateDir + ": " + describe(e)
          + ". Make it a writable folder, or set \"stateDir\" in the config.");
      failures.record(now);
      return ExitCodes.FAILURE;
    }
    if (lock == null) {
      spec.commandLine().getOut().println(RunningHost.read(stateDir).duplicateMessage(stateDir));
      return ExitCodes.OK;
    }
    failures.clear();
    int status = runLocked(location, stateDir, lock, err, supervisor);
    if (status == ExitCodes.FAILURE) {
      failures.record(now);
    }
    return status;
  }

  // Exit 0 is what stops launchd: KeepAlive restarts only unsuccessful exits.
  private static int park(StartFailures failures, long now, PrintWriter err) {
    String reason = failures.recent(now) + " fatal start failures within "
        + StartFailures.WINDOW_MS / 60_000 + " minutes; not starting again under the supervisor."
        + " Fix the cause shown in the log, then start taskhost by hand with 'taskhost run'";
    Path written = failures.writeParked(reason, now);
    err.println("taskhost: parked: " + reason + (written == null ? "" : " (recorded in " + written
        + ")"));
    return ExitCodes.OK;
  }

  private static String supervisor() {
    String value = System.getenv(SUPERVISOR_ENV);
    return value == null || value.isBlank() ? null : value;
  }

  private int runLocked(ConfigLocation location, Path stateDir, InstanceLock lock,
      PrintWriter err, String supervisor) throws InterruptedException {
    long pid = ProcessHandle.current().pid();
    try {
      PidFile.write(stateDir, pid);
    } catch (IOException e) {
      err.println("taskhost: cannot write " + stateDir.resolve(PidFile.FILE_NAME) + ": "
          + describe(e) + ". Check the free space and permissions of " + stateDir + ".");
      lock.release();
      return ExitCodes.FAILURE;
    }
    byte[] content = readQuietly(location);
    HostConfig hostConfig = null;
    ConfigException error = null;
    try {
      hostConfig = location.load();
    } catch (ConfigException e) {
      error = e;
    }
    if (error != null && (failFast || location.builtIn())) {
      err.println("taskhost: invalid config: " + error.getMessage());
      PidFile.remove(stateDir, pid);
      lock.release();
      return ExitCodes.CONFIG;
    }
    return new Host(new HostLaunch(location, stateDir, lock, hostConfig, error, content,
        Version.current(), supervisor)).run();
  }

  private static byte[] readQuietly(ConfigLocation location) {
    if (location.builtIn()) {
      return null;
    }
    try {
      return Files.readAllBytes(location.file());
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + " (" + fs.getFile() + ")";
    }
    return message == null ? kind : kind + ": " + message;
  }
}
