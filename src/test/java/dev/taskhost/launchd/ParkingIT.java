package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows under {@link LaunchdSupervisor} that a host which fails fatally again
 * and again parks instead of being restarted forever: after five exits with
 * status 1 within ten minutes, the next start logs why, records {@code parked}
 * and exits 0, so launchd does not start it again until {@code run} is started
 * by hand.
 */
class ParkingIT {

  private static final Duration THROTTLE = Duration.ofSeconds(1);
  private static final Duration QUIET_PERIOD = THROTTLE.multipliedBy(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int FATAL_FAILURES_BEFORE_PARKING = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private HostFixture host;
  /** XDG_STATE_HOME pointing at a regular file, which makes the state folder unusable even for root. */
  private Path notAFolder;
  private Map<String, String> brokenState;
  private final List<LaunchdSupervisor> agents = new ArrayList<>();

  @BeforeEach
  void breakStateFolder() throws IOException {
    host = HostFixture.create(temp);
    notAFolder = Files.writeString(temp.resolve("state-is-a-file"), "not a folder");
    brokenState = Map.of("XDG_STATE_HOME", notAFolder.toString());
  }

  @AfterEach
  void stopEverything() {
    agents.forEach(LaunchdSupervisor::close);
    host.stopAll();
    host.cli(brokenState, "stop", "--timeout", "20");
  }

  private LaunchdSupervisor loadAgent(Map<String, String> replacedEnvironment) {
    LaunchdSupervisor agent = host.supervisor(THROTTLE, replacedEnvironment);
    agents.add(agent);
    agent.load();
    return agent;
  }

  /** Loads the agent with the broken state folder and waits until it parked and stayed quiet. */
  private LaunchdSupervisor parkAgent() throws Exception {
    LaunchdSupervisor agent = loadAgent(brokenState);
    agent.awaitExits(FATAL_FAILURES_BEFORE_PARKING + 1, TIMEOUT);
    Thread.sleep(QUIET_PERIOD.toMillis());
    return agent;
  }

  private String agentErrors() throws IOException {
    return Files.readString(host.home.resolve("Library/Logs/taskhost/dev.taskhost.err.log"));
  }

  @Test
  void repeatedFatalStartsPark() throws Exception {
    LaunchdSupervisor agent = parkAgent();

    assertThat(agent.exitCodes()).as(host.logs()).containsExactly(1, 1, 1, 1, 1, 0);
    assertThat(agent.startCount()).as("agent starts").isEqualTo(FATAL_FAILURES_BEFORE_PARKING + 1);
  }

  @Test
  void parkingLogsReason() throws Exception {
    parkAgent();
    String errors = agentErrors();

    assertThat(errors).contains("cannot use the state folder " + notAFolder.resolve("taskhost"));
    assertThat(errors).contains("parked");
    assertThat(errors.lines().filter(line -> line.contains("parked"))).hasSize(1);
  }

  @Test
  void statusReportsParked() throws Exception {
    parkAgent();

    CommandResult status = host.cli(brokenState, "status", "--json");

    assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
    assertThat(JSON.readTree(status.stdout()).path("parked").asBoolean()).as(status.toString()).isTrue();
  }

  @Test
  void parkedRecordIsWritten() throws Exception {
    parkAgent();

    // The state folder is the broken part, so the record sits in the per-user cache folder.
    try (Stream<Path> files = Files.walk(host.cacheHome)) {
      List<Path> records = files.filter(Files::isRegularFile).filter(ParkingIT::mentionsParked).toList();
      assertThat(records).as("files under " + host.cacheHome + " that record parked").hasSize(1);
    }
  }

  private static boolean mentionsParked(Path file) {
    try {
      return Files.readString(file).contains("\"parked\"");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void reloadedAgentStaysParked() throws Exception {
    parkAgent().bootout();

    LaunchdSupervisor reloaded = loadAgent(brokenState);
    reloaded.awaitExits(1, TIMEOUT);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(reloaded.exitCodes()).as("reloaded agent exit codes").containsExactly(0);
    assertThat(reloaded.startCount()).as("reloaded agent starts").isEqualTo(1);
  }

  @Test
  void startByHandEndsParking() throws Exception {
    parkAgent().bootout();
    // Fix the cause: the same path becomes a usable folder.
    Files.delete(notAFolder);
    Files.createDirectories(notAFolder);

    Process byHand = host.startByHand(brokenState);
    host.awaitHealthy(TIMEOUT);
    CommandResult stop = host.cli(brokenState, "stop");
    LaunchdSupervisor agent = loadAgent(brokenState);
    host.awaitHealthy(TIMEOUT);

    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    assertThat(byHand.waitFor()).as("exit code of the host started by hand").isZero();
    assertThat(agent.runningProcess()).as("the agent's host").isPresent();
    CommandResult status = host.cli(brokenState, "status", "--json");
    assertThat(JSON.readTree(status.stdout()).at("/snapshot/host/supervisor").asText()).isEqualTo("launchd");
  }
}
