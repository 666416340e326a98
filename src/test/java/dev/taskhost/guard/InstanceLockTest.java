package dev.taskhost.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
  @TempDir
  Path dir;

  @Test
  void secondAcquireInSameJvmReturnsNull() throws Exception {
    InstanceLock first = InstanceLock.tryAcquire(dir);
    try {
      assertThat(first).isNotNull();
      assertThat(InstanceLock.tryAcquire(dir)).isNull();
      assertThat(first.valid()).isTrue();
    } finally {
      first.release();
    }
  }

  @Test
  void probeWithoutLockFileCreatesNothing() {
    Path missing = dir.resolve("missing");

    assertThat(InstanceLock.isHeld(missing)).isFalse();
    assertThat(missing).doesNotExist();
  }

  @Test
  void releasedLockCanBeTakenAgain() throws Exception {
    InstanceLock.tryAcquire(dir).release();

    InstanceLock again = InstanceLock.tryAcquire(dir);

    assertThat(again).isNotNull();
    again.release();
  }

  @Test
  void pidFileRoundTrip() throws Exception {
    PidFile.write(dir, 4242);

    assertThat(Files.readString(dir.resolve(PidFile.FILE_NAME))).isEqualTo("4242\n");
    assertThat(PidFile.read(dir)).hasValue(4242);
    PidFile.remove(dir, 4242);
    assertThat(dir.resolve(PidFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void pidFileGarbageReadsEmpty() throws Exception {
    Files.writeString(dir.resolve(PidFile.FILE_NAME), "12ab\n");

    assertThat(PidFile.read(dir)).isEmpty();
  }

  @Test
  void taskhostCommandLineRecognised() {
    assertThat(HostProcess.looksLikeTaskhost("/usr/bin/java -Xmx96m -jar /opt/taskhost.jar run")).isTrue();
    assertThat(HostProcess.looksLikeTaskhost("/usr/bin/python3 server.py")).isFalse();
  }
}
