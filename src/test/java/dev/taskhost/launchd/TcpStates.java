package dev.taskhost.launchd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads TCP socket states from Linux's /proc/net/tcp and /proc/net/tcp6. */
final class TcpStates {

  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  /** The kernel's code for TIME_WAIT in the "st" column. */
  private static final String TIME_WAIT = "06";

  private TcpStates() {
  }

  static boolean available() {
    return Files.isReadable(TABLES.get(0));
  }

  /** Counts sockets in TIME_WAIT whose local port is {@code port}, the server's end of closed connections. */
  static long timeWaitOnLocalPort(int port) throws IOException {
    String portHex = String.format("%04X", port);
    long count = 0;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines = Files.readAllLines(table);
      // The first line names the columns: sl, local_address (like 0100007F:1F90), rem_address, st and more.
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && fields[1].endsWith(":" + portHex) && fields[3].equals(TIME_WAIT)) {
          count++;
        }
      }
    }
    return count;
  }
}
