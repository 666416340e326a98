package dev.taskhost.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The state folder's record of a host: the PID file and the last status
 * snapshot ({@code status.json}). Read without Vert.x, for the CLI.
 */
public record RunningHost(OptionalLong pid, JsonNode snapshot) {
  public static final String STATUS_FILE = "status.json";

  /** One server as the snapshot recorded it. */
  public record Server(String name, String state, String host, Integer port, String detail) {
    /** "task-manager listening on 127.0.0.1:8767" and the like. */
    public String describe() {
      String address = port == null ? "" : " on " + (host != null && host.contains(":")
          ? "[" + host + "]" : host) + ":" + port;
      return name + " " + state + address + (detail == null ? "" : " (" + detail + ")");
    }
  }

  /** Reads both files; either may be missing or unreadable. */
  public static RunningHost read(Path stateDir) {
    return new RunningHost(PidFile.read(stateDir), readSnapshot(stateDir.resolve(STATUS_FILE)));
  }

  /** Parses a snapshot, or returns null when the file is missing or not JSON. */
  public static JsonNode readSnapshot(Path file) {
    try {
      JsonNode node = new ObjectMapper().readTree(Files.readAllBytes(file));
      return node != null && node.isObject() ? node : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Returns the servers in the snapshot, in its order. */
  public List<Server> servers() {
    List<Server> servers = new ArrayList<>();
    if (snapshot == null) {
      return servers;
    }
    snapshot.path("servers").fields().forEachRemaining(entry -> {
      JsonNode server = entry.getValue();
      servers.add(new Server(entry.getKey(), text(server, "state"), text(server, "host"),
          server.path("port").isInt() ? server.path("port").asInt() : null,
          text(server, "detail")));
    });
    return servers;
  }

  /** Returns the host state recorded in the snapshot, or null. */
  public String hostState() {
    return snapshot == null ? null : text(snapshot.path("host"), "state");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
