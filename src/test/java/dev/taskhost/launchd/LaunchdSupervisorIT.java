package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that {@link LaunchdSupervisor} follows launchd's rules for
 * KeepAlive {SuccessfulExit: false}, with small shell programs as the job.
 */
class LaunchdSupervisorIT {

  private static final Duration THROTTLE = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path temp;

  /** Returns a job that runs the shell script; each run appends a line to runs.txt. */
  private AgentJob job(String script) {
    return new AgentJob("test.job", List.of("/bin/sh", "-c", "echo run >> runs.txt; " + script), Map.of(),
        temp, temp.resolve("logs/out.log"), temp.resolve("logs/err.log"), true, THROTTLE, Duration.ofSeconds(5));
  }

  @Test
  void restartsAfterFailureUntilSuccess() throws Exception {
    // Fails twice, then exits 0.
    String script = "test \"$(wc -l < runs.txt)\" -ge 3 && exit 0; exit 3";

    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job(script), Map.of())) {
      supervisor.load();
      supervisor.awaitExits(3, TIMEOUT);
      Thread.sleep(THROTTLE.multipliedBy(3).toMillis());

      assertThat(supervisor.exitCodes()).containsExactly(3, 3, 0);
      assertThat(supervisor.startCount()).isEqualTo(3);
    }
  }

  @Test
  void restartsNoSoonerThanThrottle() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("exit 1"), Map.of())) {
      supervisor.load();
      supervisor.awaitExits(3, TIMEOUT);
      supervisor.bootout();

      List<LaunchdSupervisor.Run> runs = supervisor.runs();
      for (int i = 1; i < runs.size(); i++) {
        Duration gap = Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt());
        assertThat(gap).isGreaterThanOrEqualTo(THROTTLE);
      }
    }
  }

  @Test
  void successfulExitIsNotRestarted() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("exit 0"), Map.of())) {
      supervisor.load();
      supervisor.awaitExits(1, TIMEOUT);
      Thread.sleep(THROTTLE.multipliedBy(3).toMillis());

      assertThat(supervisor.startCount()).isEqualTo(1);
      assertThat(Files.readAllLines(temp.resolve("runs.txt"))).hasSize(1);
    }
  }

  @Test
  void deathBySignalIsRestarted() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("kill -KILL $$"), Map.of())) {
      supervisor.load();
      supervisor.awaitExits(2, TIMEOUT);
      supervisor.bootout();

      assertThat(supervisor.exitCodes().get(0)).isEqualTo(128 + 9);
    }
  }

  @Test
  void kickstartKillRestartsAtOnce() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("exec sleep 30"), Map.of())) {
      supervisor.load();
      long first = supervisor.runningProcess().orElseThrow().pid();

      supervisor.kickstart(true);
      supervisor.awaitExits(1, TIMEOUT);
      Thread.sleep(200);

      assertThat(supervisor.startCount()).isEqualTo(2);
      assertThat(supervisor.runningProcess()).isPresent();
      assertThat(supervisor.runningProcess().orElseThrow().pid()).isNotEqualTo(first);
    }
  }

  @Test
  void bootoutStopsWithoutRestart() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("exec sleep 30"), Map.of())) {
      supervisor.load();
      ProcessHandle process = supervisor.runningProcess().orElseThrow();

      supervisor.bootout();
      Thread.sleep(THROTTLE.multipliedBy(2).toMillis());

      assertThat(process.isAlive()).isFalse();
      assertThat(supervisor.startCount()).isEqualTo(1);
    }
  }

  @Test
  void abandonLeavesProcessRunning() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("exec sleep 30"), Map.of())) {
      supervisor.load();

      ProcessHandle orphan = supervisor.abandon().orElseThrow();
      try {
        assertThat(orphan.isAlive()).isTrue();
        assertThat(supervisor.runningProcess()).isEmpty();
      } finally {
        orphan.destroyForcibly();
      }
    }
  }

  @Test
  void childSeesPlistEnvironment() throws Exception {
    AgentJob job = new AgentJob("test.job", List.of("/bin/sh", "-c", "env > env.txt"),
        Map.of("TASKHOST_SUPERVISOR", "launchd"), temp, temp.resolve("out.log"), temp.resolve("err.log"), true,
        THROTTLE, Duration.ofSeconds(5));

    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job, Map.of("XDG_STATE_HOME", "/state"))) {
      supervisor.load();
      supervisor.awaitExits(1, TIMEOUT);
    }

    assertThat(Files.readAllLines(temp.resolve("env.txt")))
        .contains("TASKHOST_SUPERVISOR=launchd", "XDG_STATE_HOME=/state", "PATH=/usr/bin:/bin:/usr/sbin:/sbin");
  }

  @Test
  void outputGoesToLogPaths() throws Exception {
    try (LaunchdSupervisor supervisor = new LaunchdSupervisor(job("echo to-out; echo to-err >&2"), Map.of())) {
      supervisor.load();
      supervisor.awaitExits(1, TIMEOUT);
    }

    assertThat(Files.readString(temp.resolve("logs/out.log"))).isEqualTo("to-out\n");
    assertThat(Files.readString(temp.resolve("logs/err.log"))).isEqualTo("to-err\n");
  }
}
