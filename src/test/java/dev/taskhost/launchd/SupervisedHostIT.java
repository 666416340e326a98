package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real jar under {@link LaunchdSupervisor}, with the plist that
 * install.sh renders, through the cases that made the old per-server agents
 * restart a duplicate forever. In each case exactly one host serves both
 * ports, and the agent's duplicate exits 0 once and is not started again.
 */
class SupervisedHostIT {

  /** launchd's ThrottleInterval, shortened from the plist's 10 s to keep the test fast. */
  private static final Duration THROTTLE = Duration.ofSeconds(1);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  /** How long to watch for a restart that must not happen: three throttle intervals. */
  private static final Duration QUIET_PERIOD = THROTTLE.multipliedBy(3);
  private static final int REQUESTS_PER_PORT = 5;

  @TempDir
  Path temp;

  private HostFixture host;
  private final List<LaunchdSupervisor> agents = new ArrayList<>();
  private final List<ProcessHandle> started = new ArrayList<>();

  @BeforeEach
  void createHost() throws IOException {
    host = HostFixture.create(temp);
  }

  @AfterEach
  void stopEverything() {
    agents.forEach(LaunchdSupervisor::close);
    host.stopAll();
    started.forEach(ProcessHandle::destroyForcibly);
  }

  private LaunchdSupervisor newAgent() {
    LaunchdSupervisor agent = host.supervisor(THROTTLE);
    agents.add(agent);
    return agent;
  }

  /** Asserts that the host with this PID is the only one: PID file, status and live processes agree. */
  private void assertSingleHost(long pid) throws IOException {
    agents.forEach(agent -> agent.runs().forEach(run -> ProcessHandle.of(run.pid()).ifPresent(started::add)));
    List<Long> alive = started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).distinct().toList();

    assertThat(alive).as("live taskhost processes").containsExactly(pid);
    assertThat(host.pidFilePid()).as("PID file").contains(pid);
    assertThat(host.statusPid()).as("status --json snapshot.host.pid").contains(pid);
    assertThat(host.cli("status").exitCode()).as("status exit code").isZero();
    assertThat(host.healthy(host.managerPort)).as("task-manager /health").isTrue();
    assertThat(host.healthy(host.notesPort)).as("task-notes /health").isTrue();
  }

  /** Makes requests that the server closes, leaving its end of each connection in TIME_WAIT. */
  private void leaveConnectionsInTimeWait() throws IOException {
    for (int i = 0; i < REQUESTS_PER_PORT; i++) {
      host.requestAndClose(host.managerPort);
      host.requestAndClose(host.notesPort);
    }
    if (TcpStates.available()) {
      assertThat(TcpStates.timeWaitOnLocalPort(host.managerPort)).as("TIME_WAIT on task-manager").isPositive();
      assertThat(TcpStates.timeWaitOnLocalPort(host.notesPort)).as("TIME_WAIT on task-notes").isPositive();
    }
  }

  @Test
  void handStartedHostKeepsServing() throws Exception {
    Process byHand = host.startByHand();
    started.add(byHand.toHandle());
    host.awaitHealthy(START_TIMEOUT);
    LaunchdSupervisor agent = newAgent();

    HealthProbe probe = new HealthProbe(host);
    try (probe) {
      agent.load();
      agent.awaitExits(1, START_TIMEOUT);
      Thread.sleep(QUIET_PERIOD.toMillis());
    }

    assertThat(agent.exitCodes()).as("agent exit codes").containsExactly(0);
    assertThat(agent.startCount()).as("agent starts").isEqualTo(1);
    assertThat(probe.failures()).as("failed /health probes").isEmpty();
    List<String> message = Files.readAllLines(host.home.resolve("Library/Logs/taskhost/dev.taskhost.out.log"));
    assertThat(message).as("the duplicate's output").hasSize(1);
    assertThat(message.get(0)).as("the duplicate's message")
        .contains(Long.toString(byHand.pid()), Integer.toString(host.managerPort), Integer.toString(host.notesPort));
    assertSingleHost(byHand.pid());
  }

  @Test
  void kickstartKillRebindsDespiteTimeWait() throws Exception {
    LaunchdSupervisor agent = newAgent();
    agent.load();
    host.awaitHealthy(START_TIMEOUT);
    long first = agent.runningProcess().orElseThrow().pid();
    leaveConnectionsInTimeWait();

    agent.kickstart(true);
    agent.awaitExits(1, START_TIMEOUT);
    host.awaitHealthy(START_TIMEOUT);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(agent.exitCodes()).as("exit code after SIGTERM").containsExactly(0);
    assertThat(agent.startCount()).as("agent starts").isEqualTo(2);
    long second = agent.runningProcess().orElseThrow().pid();
    assertThat(second).isNotEqualTo(first);
    assertSingleHost(second);
  }

  @Test
  void stopThenStartRebindsDespiteTimeWait() throws Exception {
    LaunchdSupervisor agent = newAgent();
    agent.load();
    host.awaitHealthy(START_TIMEOUT);
    leaveConnectionsInTimeWait();

    CommandResult stop = host.cli("stop");
    agent.kickstart(false);
    host.awaitHealthy(START_TIMEOUT);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    assertThat(agent.exitCodes()).as("exit code after stop").containsExactly(0);
    assertThat(agent.startCount()).as("agent starts").isEqualTo(2);
    assertSingleHost(agent.runningProcess().orElseThrow().pid());
  }

  @Test
  void orphanedHostKeepsServing() throws Exception {
    LaunchdSupervisor unloaded = newAgent();
    unloaded.load();
    host.awaitHealthy(START_TIMEOUT);
    ProcessHandle orphan = unloaded.abandon().orElseThrow();
    started.add(orphan);
    LaunchdSupervisor reloaded = newAgent();

    HealthProbe probe = new HealthProbe(host);
    try (probe) {
      reloaded.load();
      reloaded.awaitExits(1, START_TIMEOUT);
      Thread.sleep(QUIET_PERIOD.toMillis());
    }

    assertThat(reloaded.exitCodes()).as("reloaded agent exit codes").containsExactly(0);
    assertThat(reloaded.startCount()).as("reloaded agent starts").isEqualTo(1);
    assertThat(probe.failures()).as("failed /health probes").isEmpty();
    assertSingleHost(orphan.pid());
  }

  @Test
  void statusShowsLaunchdSupervisor() throws Exception {
    LaunchdSupervisor agent = newAgent();
    agent.load();
    host.awaitHealthy(START_TIMEOUT);

    assertThat(host.statusJson().at("/snapshot/host/supervisor").asText()).isEqualTo("launchd");
  }
}
