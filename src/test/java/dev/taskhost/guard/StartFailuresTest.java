package dev.taskhost.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailuresTest {
  @TempDir
  Path dir;

  @Test
  void fiveRecentFailuresPark() {
    StartFailures failures = new StartFailures(dir.resolve("state"), dir.resolve("cache"));
    long now = 1_000_000_000L;
    for (int i = 0; i < 4; i++) {
      failures.record(now - i * 1_000);
    }

    assertThat(failures.shouldPark(now)).isFalse();
    failures.record(now);
    assertThat(failures.shouldPark(now)).isTrue();
  }

  @Test
  void failuresOutsideWindowDoNotCount() {
    StartFailures failures = new StartFailures(dir.resolve("state"), dir.resolve("cache"));
    long now = 1_000_000_000L;
    for (int i = 0; i < 5; i++) {
      failures.record(now - StartFailures.WINDOW_MS - 1 - i);
    }

    assertThat(failures.recent(now)).isZero();
  }

  @Test
  void unusableStateFolderCountsInFallback() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("state"), "file");
    StartFailures failures = new StartFailures(notAFolder.resolve("taskhost"), dir.resolve("cache"));

    failures.record(5_000);

    assertThat(failures.fallbackFile()).exists();
    assertThat(failures.recent(5_000)).isEqualTo(1);
  }

  @Test
  void clearForgetsEverything() {
    StartFailures failures = new StartFailures(dir.resolve("state"), dir.resolve("cache"));
    failures.record(5_000);
    failures.writeParked("why", 5_000);

    failures.clear();

    assertThat(failures.recent(5_000)).isZero();
    assertThat(failures.fallbackStatusFile()).doesNotExist();
  }

  @Test
  void parkedRecordIsReadable() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    StartFailures failures = new StartFailures(state, dir.resolve("cache"));

    Path written = failures.writeParked("5 failures \"quoted\"", 5_000);

    assertThat(written).isEqualTo(state.resolve(RunningHost.STATUS_FILE));
    RunningHost host = RunningHost.read(state);
    assertThat(host.hostState()).isEqualTo("parked");
    assertThat(host.snapshot().path("host").path("detail").asText()).isEqualTo("5 failures \"quoted\"");
  }
}
