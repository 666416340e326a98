package dev.taskhost.cli;

import dev.taskhost.config.ConfigException;
import dev.taskhost.config.ConfigLocation;
import dev.taskhost.config.HostConfig;
import dev.taskhost.config.StateDirs;
import dev.taskhost.guard.DuplicateRun;
import dev.taskhost.guard.InstanceLock;
import dev.taskhost.guard.PidFile;
import dev.taskhost.guard.StartFailures;
import dev.taskhost.host.Host;
import dev.taskhost.host.HostLaunch;
import dev.taskhost.host.Signals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code run} command itself, free of picocli and Jackson up to the lock, so
 * that a duplicate start costs little more than the JVM start. {@link Main} calls
 * it directly for plain arguments and through {@link RunCommand} otherwise.
 */
final class RunStart {
  static final String SUPERVISOR_ENV = "TASKHOST_SUPERVISOR";

  /** The options of {@code run}. {@code config} is null when {@code -c} is not given. */
  record Options(Path config, boolean failFast) {
  }

  private RunStart() {
  }

  /**
   * Parses {@code run} arguments in their plain forms ({@code -c FILE},
   * {@code --config FILE}, {@code --config=FILE}, {@code --fail-fast}, each at most
   * once). Returns null for anything else, which picocli then parses and reports.
   */
  static Options parsePlain(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return null;
    }
    String config = null;
    boolean failFast = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      if (arg.equals("--fail-fast") && !failFast) {
        failFast = true;
        continue;
      }
      if ((arg.equals("-c") || arg.equals("--config")) && i + 1 < args.length) {
        value = args[++i];
      } else if (arg.startsWith("--config=")) {
        value = arg.substring("--config=".length());
      }
      if (value == null || config != null || value.isEmpty() || value.startsWith("-")) {
        return null;
      }
      config = value;
    }
    try {
      return new Options(config == null ? null : Path.of(config), failFast);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Takes the lock, then runs the host in the foreground; returns the exit status. */
  static int execute(Options options, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    ConfigLocation location = ConfigLocation.locate(options.config(), System.getenv());
    Path stateDir = location.stateDir(System.getenv());
    String supervisor = supervisor();
    StartFailures failures = new StartFailures(stateDir, StateDirs.fallbackFor(System.getenv()));
    long now = System.currentTimeMillis();
    if (supervisor == null) {
      failures.clear();
    } else if (failures.shouldPark(now)) {
      return park(failures, now, err, location);
    }
    InstanceLock lock;
    try {
      lock = InstanceLock.tryAcquire(stateDir);
    } catch (IOException | RuntimeException e) {
      boolean configured = !stateDir.equals(StateDirs.defaultFor(System.getenv()));
      err.println("taskhost: cannot use the state folder " + stateDir + ": " + describe(e)
          + (configured ? ". Make it a writable folder, or change \"stateDir\" in "
              + location.file() + "." : ". Make it a writable folder, or set \"stateDir\" in"
              + " the config."));
      failures.record(now);
      return ExitCodes.FAILURE;
    }
    if (lock == null) {
      out.println(DuplicateRun.message(stateDir, CommandHints.of("status", location),
          CommandHints.of("stop", location)));
      return ExitCodes.OK;
    }
    failures.clear();
    int status = runLocked(options, location, stateDir, lock, err, supervisor);
    if (status == ExitCodes.FAILURE) {
      failures.record(now);
    }
    return status;
  }

  // Exit 0 is what stops launchd: KeepAlive restarts only unsuccessful exits.
  private static int park(StartFailures failures, long now, PrintWriter err,
      ConfigLocation location) {
    String reason = failures.recent(now) + " fatal start failures within "
        + StartFailures.WINDOW_MS / 60_000 + " minutes; not starting again under the supervisor."
        + " Fix the cause shown in the log, then start taskhost by hand with '"
        + CommandHints.of("run", location) + "'";
    Path written = failures.writeParked(reason, now);
    err.println("taskhost: parked: " + reason + (written == null ? "" : " (recorded in " + written
        + ")"));
    return ExitCodes.OK;
  }

  private static String supervisor() {
    String value = System.getenv(SUPERVISOR_ENV);
    return value == null || value.isBlank() ? null : value;
  }

  private static int runLocked(Options options, ConfigLocation location, Path stateDir,
      InstanceLock lock, PrintWriter err, String supervisor) throws InterruptedException {
    long pid = ProcessHandle.current().pid();
    // Before the PID file names this process, so that stop or reload never meets the
    // JVM's default handlers, which would exit with 143 or 129.
    Signals signals = Signals.install();
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
    if (error != null && (options.failFast() || location.builtIn())) {
      err.println("taskhost: invalid config: " + error.getMessage());
      PidFile.remove(stateDir, pid);
      lock.release();
      return ExitCodes.CONFIG;
    }
    return new Host(new HostLaunch(location, stateDir, lock, hostConfig, error, content,
        Version.current(), supervisor, signals)).run();
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
