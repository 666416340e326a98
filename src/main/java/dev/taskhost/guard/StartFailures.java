package dev.taskhost.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts fatal start failures, because launchd restarts a failing job forever.
 * Five within ten minutes park the next supervised start: it exits 0, so launchd
 * stops, until {@code run} is started by hand or the record is cleared.
 *
 * <p>The record lives in the state folder; when that folder is the very thing that
 * is broken, it lives in a per-user fallback folder named after the state folder.
 */
public final class StartFailures {
  public static final int LIMIT = 5;
  public static final long WINDOW_MS = 10 * 60 * 1_000;
  static final String FILE_NAME = "start-failures.log";

  private final Path stateDir;
  private final Path fallbackDir;

  public StartFailures(Path stateDir, Path fallbackDir) {
    this.stateDir = stateDir;
    this.fallbackDir = fallbackDir;
  }

  /** Appends one failure at {@code nowMs}; a failure to record is ignored. */
  public void record(long nowMs) {
    for (Path file : candidates()) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, nowMs + "\n", StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return;
      } catch (IOException | SecurityException e) {
        // Try the next place; with none usable the failure simply goes uncounted.
      }
    }
  }

  /** Returns the number of failures within the window before {@code nowMs}. */
  public int recent(long nowMs) {
    int count = 0;
    for (Path file : candidates()) {
      for (long at : read(file)) {
        if (at <= nowMs && nowMs - at <= WINDOW_MS) {
          count++;
        }
      }
    }
    return count;
  }

  /** Whether a supervised start must park now. */
  public boolean shouldPark(long nowMs) {
    return recent(nowMs) >= LIMIT;
  }

  /** Forgets every failure: after a good start, or a start by hand. */
  public void clear() {
    for (Path file : List.of(stateDir.resolve(FILE_NAME), fallbackFile(), fallbackStatusFile())) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException | SecurityException e) {
        // An unreadable record cannot park anything either.
      }
    }
  }

  /**
   * Records {@code parked} with its reason in the status file, or beside the
   * fallback record when the state folder is unusable. Returns the file written.
   */
  public Path writeParked(String detail, long nowMs) {
    String json = "{\n  \"host\": {\"state\": \"parked\", \"detail\": " + quote(detail)
        + ", \"since\": \"" + java.time.Instant.ofEpochMilli(nowMs) + "\"},\n"
        + "  \"servers\": {},\n  \"events\": []\n}\n";
    for (Path file : List.of(stateDir.resolve(RunningHost.STATUS_FILE), fallbackStatusFile())) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
      } catch (IOException | SecurityException e) {
        // Try the fallback folder.
      }
    }
    return null;
  }

  /** Returns the path of the parked record kept in the fallback folder. */
  public Path fallbackStatusFile() {
    return fallbackDir.resolve("state-" + key() + "-" + RunningHost.STATUS_FILE);
  }

  /** Returns the path of the count used when the state folder is unusable. */
  public Path fallbackFile() {
    return fallbackDir.resolve("state-" + key() + "-" + FILE_NAME);
  }

  private String key() {
    return Integer.toHexString(stateDir.toAbsolutePath().normalize().toString().hashCode());
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private List<Path> candidates() {
    return List.of(stateDir.resolve(FILE_NAME), fallbackFile());
  }

  private static List<Long> read(Path file) {
    List<Long> times = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String value = line.strip();
        if (value.matches("\\d{1,18}")) {
          times.add(Long.parseLong(value));
        }
      }
    } catch (IOException | SecurityException e) {
      return times;
    }
    return times;
  }
}
