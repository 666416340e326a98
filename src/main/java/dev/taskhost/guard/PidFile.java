package dev.taskhost.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * {@code <stateDir>/taskhost.pid}: the PID alone on one line. It only names the
 * host; the lock decides whether one runs, so a stale or garbage file is harmless.
 */
public final class PidFile {
  public static final String FILE_NAME = "taskhost.pid";

  private PidFile() {
  }

  /** Writes this process's PID atomically, replacing any stale file. */
  public static void write(Path stateDir, long pid) throws IOException {
    Path target = stateDir.resolve(FILE_NAME);
    Path temp = Files.createTempFile(stateDir, FILE_NAME, ".tmp");
    try {
      Files.write(temp, (pid + "\n").getBytes(StandardCharsets.US_ASCII));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Returns the PID in the file, or empty when the file is missing or contains anything else. */
  public static OptionalLong read(Path stateDir) {
    try {
      String text = Files.readString(stateDir.resolve(FILE_NAME), StandardCharsets.US_ASCII).strip();
      if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
        return OptionalLong.empty();
      }
      long pid = Long.parseLong(text);
      return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Removes the file if it still names {@code pid}. */
  public static void remove(Path stateDir, long pid) {
    if (read(stateDir).orElse(-1) == pid) {
      try {
        Files.deleteIfExists(stateDir.resolve(FILE_NAME));
      } catch (IOException e) {
        // A stale PID file never blocks a start, so leaving it is harmless.
      }
    }
  }
}
