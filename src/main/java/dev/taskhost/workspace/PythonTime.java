package dev.taskhost.workspace;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Local timestamps as Python's {@code datetime.now().isoformat()} writes them. */
final class PythonTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private PythonTime() {}

  /** Returns local time to the microsecond, with no fraction when it is zero, as Python does. */
  static String isoformat(Clock clock) {
    LocalDateTime time = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    String text = SECONDS.format(time);
    int micros = time.getNano() / 1000;
    return micros == 0 ? text : text + "." + String.format("%06d", micros);
  }
}
