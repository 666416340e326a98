package dev.taskhost.status;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The facts about the running host that never change while it runs. */
public record HostInfo(long pid, Instant startedAt, String configFile, String version,
    String supervisor, String stateDir) {

  /** The JSON form, with the uptime computed now. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("pid", pid)
        .put("startedAt", startedAt.toString())
        .put("uptimeMs", Math.max(0, System.currentTimeMillis() - startedAt.toEpochMilli()))
        .put("configFile", configFile)
        .put("version", version)
        .put("supervisor", supervisor)
        .put("stateDir", stateDir);
  }
}
