package dev.taskhost.status;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One state change as published on {@code taskhost.status}. Servers use the states
 * starting, listening, port-conflict, rebinding, stopping, stopped, disabled and
 * failed; the host (source {@code host}) uses running, config-applied,
 * config-rejected, waiting-for-config, shutting-down and parked.
 */
public record StatusEvent(String source, String state, String host, Integer port, Instant since,
    String detail) {
  public static final String HOST = "host";

  /** Creates a host event, which has no address. */
  public static StatusEvent host(String state, String detail) {
    return new StatusEvent(HOST, state, null, null, now(), detail);
  }

  /** Creates a server event. */
  public static StatusEvent server(String name, String state, String host, int port, String detail) {
    return new StatusEvent(name, state, host, port, now(), detail);
  }

  /** Returns the wire form: {@code {"source", "state", "host", "port", "since", "detail"}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("source", source)
        .put("state", state)
        .put("host", host)
        .put("port", port)
        .put("since", since.toString())
        .put("detail", detail);
  }

  /** Reads the wire form back. */
  public static StatusEvent fromJson(JsonObject json) {
    return new StatusEvent(json.getString("source"), json.getString("state"),
        json.getString("host"), json.getInteger("port"), Instant.parse(json.getString("since")),
        json.getString("detail"));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
