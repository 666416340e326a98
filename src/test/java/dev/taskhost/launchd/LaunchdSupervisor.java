package dev.taskhost.launchd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for launchd that runs one {@link AgentJob} the way launchd runs an
 * agent whose KeepAlive is {@code {SuccessfulExit: false}}:
 *
 * <ul>
 *   <li>load starts the program at once when RunAtLoad is set;</li>
 *   <li>a non-zero exit, death by a signal included, starts it again, but never
 *       sooner than the throttle interval after the previous start;</li>
 *   <li>an exit with status 0 leaves the job idle until a kickstart;</li>
 *   <li>at most one process of the job runs at a time;</li>
 *   <li>bootout sends SIGTERM, then SIGKILL after the exit timeout.</li>
 * </ul>
 *
 * <p>Children get a small launchd-like environment (HOME, a system PATH, the
 * plist's EnvironmentVariables) plus the extra variables given here, and their
 * output is appended to the plist's log paths.
 */
final class LaunchdSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LaunchdSupervisor.class);
  private static final String SYSTEM_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";

  /** One start of the program and, once it ended, its exit status. */
  record Run(long pid, Instant startedAt, Integer exitCode) {
  }

  private final AgentJob job;
  private final Map<String, String> environment;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "launchd-supervisor");
    thread.setDaemon(true);
    return thread;
  });

  // Guarded by this.
  private final List<Run> runs = new ArrayList<>();
  private Process current;
  private Instant lastStart = Instant.MIN;
  private boolean loaded;
  private boolean startAfterExit;
  private ScheduledFuture<?> pendingStart;

  LaunchdSupervisor(AgentJob job, Map<String, String> extraEnvironment) {
    this.job = job;
    Map<String, String> base = new HashMap<>();
    base.put("HOME", System.getProperty("user.home"));
    base.put("PATH", SYSTEM_PATH);
    base.put("USER", System.getProperty("user.name"));
    base.putAll(job.environmentVariables());
    base.putAll(extraEnvironment);
    this.environment = Map.copyOf(base);
  }

  /** Loads the job, as {@code launchctl bootstrap} does. */
  synchronized void load() {
    if (loaded) {
      throw new IllegalStateException(job.label() + " is already loaded");
    }
    loaded = true;
    if (job.runAtLoad()) {
      start();
    }
  }

  /**
   * Starts the job now if it is not running, as {@code launchctl kickstart}
   * does, or, with {@code kill}, stops the running process with SIGTERM and
   * starts a new one once it exited, as {@code kickstart -k} does.
   */
  synchronized void kickstart(boolean kill) {
    requireLoaded();
    if (current != null && current.isAlive()) {
      if (kill) {
        startAfterExit = true;
        terminate(current);
      }
      return;
    }
    cancelPendingStart();
    start();
  }

  /**
   * Unloads the job, as {@code launchctl bootout} does: no further starts,
   * SIGTERM to the running process, SIGKILL after the exit timeout.
   */
  void bootout() {
    Process process;
    synchronized (this) {
      loaded = false;
      cancelPendingStart();
      process = current;
    }
    if (process != null && process.isAlive()) {
      terminate(process);
      process.onExit().join();
    }
  }

  /**
   * Forgets the job without stopping its process, which leaves the host
   * orphaned, as when the agent is unloaded by a route that does not kill it.
   *
   * @return the process left running, if any
   */
  synchronized Optional<ProcessHandle> abandon() {
    loaded = false;
    cancelPendingStart();
    Optional<ProcessHandle> orphan = Optional.ofNullable(current).filter(Process::isAlive).map(Process::toHandle);
    current = null;
    return orphan;
  }

  synchronized int startCount() {
    return runs.size();
  }

  /** Returns the exit status of every run that ended, in start order. */
  synchronized List<Integer> exitCodes() {
    return runs.stream().map(Run::exitCode).filter(code -> code != null).toList();
  }

  synchronized List<Run> runs() {
    return List.copyOf(runs);
  }

  synchronized Optional<ProcessHandle> runningProcess() {
    return Optional.ofNullable(current).filter(Process::isAlive).map(Process::toHandle);
  }

  /** Waits until at least {@code count} runs have ended. */
  void awaitExits(int count, Duration timeout) throws InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    synchronized (this) {
      while (exitCodes().size() < count) {
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (remaining <= 0) {
          throw new TimeoutException(job.label() + ": " + exitCodes().size() + " of " + count
              + " runs ended within " + timeout + ", runs: " + runs);
        }
        wait(remaining);
      }
    }
  }

  @Override
  public void close() {
    bootout();
    scheduler.shutdownNow();
  }

  private void requireLoaded() {
    if (!loaded) {
      throw new IllegalStateException(job.label() + " is not loaded");
    }
  }

  // Called with the lock held.
  private void start() {
    ProcessBuilder builder = new ProcessBuilder(job.programArguments())
        .directory(job.workingDirectory().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(job.standardOutPath().toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(job.standardErrorPath().toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(job.standardOutPath().getParent());
      Files.createDirectories(job.standardErrorPath().getParent());
      Process process = builder.start();
      current = process;
      lastStart = Instant.now();
      int index = runs.size();
      runs.add(new Run(process.pid(), lastStart, null));
      LOG.info("{}: started run {} as PID {}", job.label(), index + 1, process.pid());
      process.onExit().thenAccept(exited -> onExit(index, exited));
    } catch (IOException e) {
      throw new UncheckedIOException("failed to start " + job.programArguments(), e);
    }
  }

  private synchronized void onExit(int index, Process process) {
    int exitCode = process.exitValue();
    Run run = runs.get(index);
    runs.set(index, new Run(run.pid(), run.startedAt(), exitCode));
    LOG.info("{}: run {} (PID {}) exited with status {}", job.label(), index + 1, run.pid(), exitCode);
    notifyAll();
    if (current != process) {
      return;
    }
    current = null;
    if (!loaded) {
      return;
    }
    if (startAfterExit) {
      startAfterExit = false;
      start();
    } else if (exitCode != 0) {
      Duration delay = Duration.between(Instant.now(), lastStart.plus(job.throttleInterval()));
      long delayMillis = Math.max(0, delay.toMillis());
      LOG.info("{}: non-zero exit, next start in {} ms", job.label(), delayMillis);
      pendingStart = scheduler.schedule(this::startIfStillWanted, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void startIfStillWanted() {
    pendingStart = null;
    if (loaded && current == null) {
      start();
    }
  }

  private void cancelPendingStart() {
    if (pendingStart != null) {
      pendingStart.cancel(false);
      pendingStart = null;
    }
  }

  private void terminate(Process process) {
    process.destroy();
    scheduler.schedule(() -> {
      if (process.isAlive()) {
        LOG.warn("{}: PID {} still running {} after SIGTERM, sending SIGKILL", job.label(), process.pid(),
            job.exitTimeout());
        process.destroyForcibly();
      }
    }, job.exitTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
