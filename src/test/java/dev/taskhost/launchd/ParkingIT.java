package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows under {@link LaunchdSupervisor} that a host which fails fatally again
 * and again parks instead of being restarted forever: after five exits with
 * status 1 within ten minutes, the next start records {@code parked}, logs
 * why and exits 0, so launchd does not start it again.
 */
class ParkingIT {

  private static final Duration THROTTLE = Duration.ofSeconds(1);
  private static final int FATAL_FAILURES_BEFORE_PARKING = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  Path temp;

  @Test
  void repeatedFatalStartsPark() throws Exception {
    HostFixture host = HostFixture.create(temp);
    // A regular file where the state folder's parent should be makes the state folder unusable.
    Path notAFolder = Files.writeString(temp.resolve("state-is-a-file"), "not a folder");
    Map<String, String> unusableState = Map.of("XDG_STATE_HOME", notAFolder.toString(),
        "HOME", host.home.toString());

    try (LaunchdSupervisor agent = new LaunchdSupervisor(host.agentJob().withThrottleInterval(THROTTLE),
        unusableState)) {
      agent.load();
      agent.awaitExits(FATAL_FAILURES_BEFORE_PARKING + 1, TIMEOUT);
      Thread.sleep(THROTTLE.multipliedBy(3).toMillis());

      assertThat(agent.exitCodes()).as(host.logs()).containsExactly(1, 1, 1, 1, 1, 0);
      assertThat(agent.startCount()).as("agent starts").isEqualTo(FATAL_FAILURES_BEFORE_PARKING + 1);
    }
    assertThat(host.logs()).containsIgnoringCase("parked");
    assertThat(host.cli(unusableState, "status", "--json").stdout()).contains("parked");
  }
}
