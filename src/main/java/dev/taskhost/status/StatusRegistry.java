package dev.taskhost.status;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer of {@code taskhost.status}: keeps each server's latest state and
 * the last 100 events, replies on {@code taskhost.status.snapshot}, and mirrors the
 * snapshot to {@code <stateDir>/status.json} for the CLI.
 */
public final class StatusRegistry extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StatusRegistry.class);
  static final int EVENT_LIMIT = 100;

  private final HostInfo hostInfo;
  private final StatusFile statusFile;
  private final Supplier<JsonObject> workspaceInfo;
  // Sorted, so task-manager always comes before task-notes in the snapshot.
  private final Map<String, StatusEvent> servers = new TreeMap<>();
  private final Deque<StatusEvent> events = new ArrayDeque<>();
  private String hostState = "starting";
  private StatusEvent lastConfigEvent;
  private final LogThrottle writeFailures = new LogThrottle(5 * 60 * 1_000);
  private boolean writing;
  private boolean dirty;

  public StatusRegistry(HostInfo hostInfo, Path stateDir, Supplier<JsonObject> workspaceInfo) {
    this.hostInfo = hostInfo;
    this.statusFile = new StatusFile(stateDir);
    this.workspaceInfo = workspaceInfo;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<JsonObject>consumer(StatusAddresses.STATUS, msg -> record(msg.body()));
    vertx.eventBus().<Object>consumer(StatusAddresses.SNAPSHOT, msg -> msg.reply(snapshot()));
    // Replaces the previous host's snapshot at once, so the CLI never reports its PID.
    scheduleWrite();
    return Future.succeededFuture();
  }

  private void record(JsonObject json) {
    StatusEvent event;
    try {
      event = StatusEvent.fromJson(json);
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed status event {}: {}", json, e.getMessage());
      return;
    }
    if (StatusEvent.HOST.equals(event.source())) {
      recordHostEvent(event);
    } else {
      servers.put(event.source(), event);
    }
    events.addLast(event);
    while (events.size() > EVENT_LIMIT) {
      events.removeFirst();
    }
    scheduleWrite();
  }

  private void recordHostEvent(StatusEvent event) {
    switch (event.state()) {
      case "config-applied", "config-rejected", "waiting-for-config" -> lastConfigEvent = event;
      default -> hostState = event.state();
    }
  }

  /** Builds the snapshot: host facts and state, config state, servers, events, workspace. */
  JsonObject snapshot() {
    JsonObject host = hostInfo.toJson().put("state", hostState).put("config", configState());
    JsonObject serverStates = new JsonObject();
    servers.forEach((name, event) -> serverStates.put(name, event.toJson()));
    JsonArray recent = new JsonArray();
    events.forEach(event -> recent.add(event.toJson()));
    return new JsonObject()
        .put("host", host)
        .put("servers", serverStates)
        .put("events", recent)
        .put("workspace", workspaceInfo.get());
  }

  private JsonObject configState() {
    if (lastConfigEvent == null) {
      return new JsonObject().put("state", "applied").put("detail", null);
    }
    String state = switch (lastConfigEvent.state()) {
      case "config-rejected" -> "rejected";
      case "waiting-for-config" -> "waiting";
      default -> "applied";
    };
    return new JsonObject().put("state", state).put("detail", lastConfigEvent.detail())
        .put("since", lastConfigEvent.since().toString());
  }

  // Writes are coalesced: one in flight at a time, and one more if anything changed.
  private void scheduleWrite() {
    if (writing) {
      dirty = true;
      return;
    }
    writing = true;
    JsonObject snapshot = snapshot();
    vertx.executeBlocking(() -> {
      statusFile.write(snapshot);
      return null;
    }).onComplete(done -> {
      if (done.failed()) {
        int suppressed = writeFailures.admit(System.currentTimeMillis());
        if (suppressed >= 0) {
          LOG.warn("Failed to write {}: {} ({} repeats not logged)", statusFile.path(),
              done.cause().getMessage(), suppressed);
        }
      } else {
        writeFailures.reset();
      }
      writing = false;
      if (dirty) {
        dirty = false;
        scheduleWrite();
      }
    });
  }

  /** Writes the final snapshot before the host exits. */
  @Override
  public Future<?> stop() {
    try {
      statusFile.write(snapshot());
    } catch (java.io.IOException e) {
      LOG.warn("Failed to write {}: {}", statusFile.path(), e.getMessage());
    }
    return Future.succeededFuture();
  }
}
