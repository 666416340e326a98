package dev.taskhost.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The one line a duplicate {@code run} prints before it exits 0, naming the
 * running host's PID and ports. It reads the PID file and {@code status.json}
 * with {@link StrictJson}, because loading Jackson here would cost more than
 * the rest of a duplicate start.
 */
public final class DuplicateRun {
  private DuplicateRun() {
  }

  /** Builds the message from the files in {@code stateDir}; either may be missing. */
  public static String message(Path stateDir) {
    OptionalLong pid = PidFile.read(stateDir);
    String who = pid.isPresent() ? "PID " + pid.getAsLong() : "a process whose PID file is missing";
    List<String> listening = servers(stateDir.resolve(RunningHost.STATUS_FILE));
    String ports = listening.isEmpty() ? "ports not reported yet" : String.join(", ", listening);
    return "taskhost is already running (" + who + "; " + ports + "; state folder " + stateDir
        + "); this start exits without changing anything. Use 'taskhost status' to see it or"
        + " 'taskhost stop' to end it.";
  }

  // "task-manager 127.0.0.1:8767 listening" for each server with a port, in file order.
  private static List<String> servers(Path statusFile) {
    List<String> servers = new ArrayList<>();
    Object snapshot;
    try {
      snapshot = StrictJson.parse(Files.readAllBytes(statusFile));
    } catch (IOException | IllegalArgumentException e) {
      return servers;
    }
    if (!(snapshot instanceof Map<?, ?> root) || !(root.get("servers") instanceof Map<?, ?> all)) {
      return servers;
    }
    for (Map.Entry<?, ?> entry : all.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> server && server.get("port") instanceof Long port
          && port >= Integer.MIN_VALUE && port <= Integer.MAX_VALUE) {
        servers.add(entry.getKey() + " " + text(server, "host") + ":" + port + " "
            + text(server, "state"));
      }
    }
    return servers;
  }

  private static String text(Map<?, ?> node, String field) {
    return node.get(field) instanceof String value ? value : null;
  }
}
