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

  /**
   * Builds the message from the files in {@code stateDir}; either may be missing.
   * {@code statusCommand} and {@code stopCommand} are the commands to suggest.
   */
  public static String message(Path stateDir, String statusCommand, String stopCommand) {
    OptionalLong pid = PidFile.read(stateDir);
    String process = pid.isPresent() ? "PID " + pid.getAsLong() : "a process whose PID file is missing";
    List<String> listening = servers(stateDir.resolve(RunningHost.STATUS_FILE), pid);
    String ports = listening.isEmpty() ? "ports not reported yet" : String.join(", ", listening);
    return "taskhost is already running (" + process + "; " + ports + "; state folder " + stateDir
        + "); this start exits without changing anything. See it with '" + statusCommand
        + "', end it with '" + stopCommand + "'.";
  }

  // "task-manager 127.0.0.1:8767 listening" for each server with a port, in file order.
  // A snapshot written by an earlier host (another PID) tells nothing about this one.
  private static List<String> servers(Path statusFile, OptionalLong pid) {
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
    boolean sameHost = root.get("host") instanceof Map<?, ?> host && pid.isPresent()
        && host.get("pid") instanceof Long recorded && recorded == pid.getAsLong();
    if (!sameHost) {
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
