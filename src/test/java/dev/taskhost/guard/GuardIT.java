package dev.taskhost.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskhost.testing.CommandResult;
import dev.taskhost.testing.TaskhostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against the real jar: one host per state folder, whatever happens. */
class GuardIT {
  @TempDir
  Path home;

  private TaskhostProcess host;

  @BeforeEach
  void setUp() throws Exception {
    host = TaskhostProcess.create(home, null);
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void duplicateRunExitsZeroAndNamesHost() throws Exception {
    Process first = host.startAndAwait();

    Process second = host.start();

    assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isZero();
    assertThat(host.log()).contains("already running (PID " + first.pid());
    assertThat(host.log()).contains("127.0.0.1:" + host.managerPort());
    assertThat(host.log()).contains("127.0.0.1:" + host.notesPort());
    assertThat(first.isAlive()).isTrue();
    assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
    assertThat(TaskhostProcess.healthy(host.notesPort())).isTrue();
  }

  @Test
  void twentyConcurrentRunsLeaveOneHost() throws Exception {
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(host.start());
    }
    host.awaitHealthy(java.time.Duration.ofSeconds(60));
    List<Process> exited = new ArrayList<>();
    for (Process run : runs) {
      if (run.waitFor(60, TimeUnit.SECONDS)) {
        exited.add(run);
      }
      if (exited.size() == 19) {
        break;
      }
    }
    Thread.sleep(500);

    List<Process> alive = runs.stream().filter(Process::isAlive).toList();
    assertThat(alive).hasSize(1);
    assertThat(exited).hasSize(19);
    assertThat(exited).allSatisfy(run -> assertThat(run.exitValue()).isZero());
    assertThat(PidFile.read(host.stateDir()).getAsLong()).isEqualTo(alive.get(0).pid());
    assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
  }

  @Test
  void killNineThenRunStartsAtOnce() throws Exception {
    Process first = host.startAndAwait();
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    Process second = host.startAndAwait();

    assertThat(second.isAlive()).isTrue();
    assertThat(PidFile.read(host.stateDir()).getAsLong()).isEqualTo(second.pid());
  }

  @Test
  void stalePidOfLiveProcessNeverBlocksStart() throws Exception {
    Files.createDirectories(host.stateDir());
    long unrelated = ProcessHandle.current().pid();
    Files.writeString(host.stateDir().resolve(PidFile.FILE_NAME), unrelated + "\n");

    Process started = host.startAndAwait();

    assertThat(PidFile.read(host.stateDir()).getAsLong()).isEqualTo(started.pid());
  }

  @Test
  void garbagePidFileNeverBlocksStart() throws Exception {
    Files.createDirectories(host.stateDir());
    Files.writeString(host.stateDir().resolve(PidFile.FILE_NAME), "not a pid \u0000\n42 43");

    Process started = host.startAndAwait();

    assertThat(PidFile.read(host.stateDir()).getAsLong()).isEqualTo(started.pid());
  }

  @Test
  void statusWithoutHostExitsThree() throws Exception {
    Files.createDirectories(host.stateDir());
    Files.writeString(host.stateDir().resolve(PidFile.FILE_NAME), ProcessHandle.current().pid() + "\n");

    CommandResult status = host.command("status");

    assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
    assertThat(status.stdout()).contains("not running");
  }

  @Test
  void stopEndsHostAndReleasesEverything() throws Exception {
    Process running = host.startAndAwait();

    CommandResult stop = host.command("stop");

    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(running.exitValue()).isZero();
    assertThat(host.stateDir().resolve(PidFile.FILE_NAME)).doesNotExist();
    assertThat(InstanceLock.isHeld(host.stateDir())).isFalse();
    assertThat(host.command("status").exitCode()).isEqualTo(3);
  }

  @Test
  void sigtermExitsZero() throws Exception {
    Process running = host.startAndAwait();

    running.destroy();

    assertThat(running.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(running.exitValue()).isZero();
    assertThat(host.stateDir().resolve(PidFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void stopRefusesUnrelatedPid() throws Exception {
    Process running = host.startAndAwait();
    long unrelated = ProcessHandle.current().pid();
    Files.writeString(host.stateDir().resolve(PidFile.FILE_NAME), unrelated + "\n");

    CommandResult stop = host.command("stop", "--timeout", "2");

    assertThat(stop.exitCode()).isEqualTo(1);
    assertThat(stop.stderr()).contains("is not a taskhost process");
    assertThat(running.isAlive()).isTrue();
  }

  @Test
  void stopWithoutHostExitsZero() throws Exception {
    CommandResult stop = host.command("stop");

    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stop.stdout()).contains("not running");
  }

  @Test
  void statusReportsServers() throws Exception {
    Process running = host.startAndAwait();

    CommandResult text = host.command("status");
    CommandResult json = host.command("status", "--json");

    assertThat(text.exitCode()).as(text.output()).isZero();
    assertThat(text.stdout()).contains("PID " + running.pid());
    assertThat(text.stdout()).contains("task-manager listening on 127.0.0.1:" + host.managerPort());
    assertThat(text.stdout()).contains("task-notes listening on 127.0.0.1:" + host.notesPort());
    assertThat(json.exitCode()).isZero();
    assertThat(json.stdout()).contains("\"running\" : true");
    assertThat(json.stdout()).contains("\"port\" : " + host.notesPort());
  }

  @Test
  void signalsDuringStartupNeverCrash() throws Exception {
    for (long delayMs : new long[] {150, 350, 600, 900}) {
      Process running = host.start();
      awaitPidFile(running.pid());
      Thread.sleep(delayMs);
      hangUp(running.pid());
      host.awaitHealthy(java.time.Duration.ofSeconds(30));
      assertThat(running.isAlive()).as("alive after SIGHUP at " + delayMs + " ms").isTrue();
      host.await("both servers listen once", java.time.Duration.ofSeconds(10), () ->
          TaskhostProcess.status(host.managerPort()).path("servers").toString()
              .matches(".*listening.*listening.*"));

      running.destroy();
      assertThat(running.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(running.exitValue()).as("exit after SIGHUP at " + delayMs + " ms").isZero();
    }
    assertThat(host.log()).doesNotContain("port-conflict");
  }

  @Test
  void sigtermDuringStartupExitsZero() throws Exception {
    for (long delayMs : new long[] {0, 100, 300}) {
      Process running = host.start();
      awaitPidFile(running.pid());
      Thread.sleep(delayMs);

      running.destroy();

      assertThat(running.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(running.exitValue()).as("exit after SIGTERM at " + delayMs + " ms").isZero();
      assertThat(host.stateDir().resolve(PidFile.FILE_NAME)).doesNotExist();
    }
  }

  private void awaitPidFile(long pid) throws Exception {
    host.await("the PID file names " + pid, java.time.Duration.ofSeconds(20),
        () -> PidFile.read(host.stateDir()).orElse(-1) == pid);
  }

  private static void hangUp(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void unusableStateFolderExitsOne() throws Exception {
    Files.writeString(home.resolve("state"), "a file where the state folder should be");

    Process run = host.start();

    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(1);
    assertThat(host.log()).contains("cannot use the state folder");
  }

  @Test
  void failFastOnInvalidConfigExits78() throws Exception {
    Files.writeString(host.config(), "{\"servers\": {\"task-notes\": {\"port\": 70000}}}");

    Process run = host.start("--fail-fast");

    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(78);
    assertThat(host.log()).contains("servers.task-notes.port").contains("70000");
  }
}
