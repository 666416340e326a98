package dev.taskhost.host;

import dev.taskhost.config.HostConfig;
import dev.taskhost.config.ServerConfig;
import dev.taskhost.http.ServerContext;
import dev.taskhost.http.ServerVerticle;
import dev.taskhost.manager.TaskManagerVerticle;
import dev.taskhost.notes.TaskNotesVerticle;
import dev.taskhost.status.StatusAddresses;
import dev.taskhost.status.StatusEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deploys, moves and undeploys the two servers to follow the config. */
final class ServerDeployments {
  private static final Logger LOG = LoggerFactory.getLogger(ServerDeployments.class);

  private record Deployment(ServerVerticle verticle, String id) {
  }

  private final Vertx vertx;
  private final ServerContext shared;
  private final Map<String, Deployment> running = new LinkedHashMap<>();

  ServerDeployments(Vertx vertx, ServerContext shared) {
    this.vertx = vertx;
    this.shared = shared;
  }

  /** Brings every server in line with {@code config}; completes when each has settled. */
  Future<Void> apply(HostConfig config) {
    List<Future<?>> steps = new ArrayList<>();
    for (ServerConfig server : config.servers().values()) {
      steps.add(applyOne(server, config));
    }
    return Future.join(steps).mapEmpty();
  }

  private Future<?> applyOne(ServerConfig server, HostConfig config) {
    Deployment current = running.get(server.name());
    if (!server.enabled()) {
      return current == null ? announceDisabled(server) : undeploy(server.name())
          .onComplete(r -> announceDisabled(server));
    }
    if (current != null) {
      return current.verticle().apply(server, config.maxBackoffMs());
    }
    ServerVerticle verticle = create(server, config);
    return vertx.deployVerticle(verticle)
        .onSuccess(id -> running.put(server.name(), new Deployment(verticle, id)))
        .onFailure(e -> LOG.error("Failed to deploy {}: {}", server.name(), e.getMessage(), e));
  }

  private ServerVerticle create(ServerConfig server, HostConfig config) {
    return server.name().equals(HostConfig.TASK_MANAGER)
        ? new TaskManagerVerticle(server, shared, config.maxBackoffMs(), config.shutdownTimeoutMs())
        : new TaskNotesVerticle(server, shared, config.maxBackoffMs(), config.shutdownTimeoutMs());
  }

  private Future<Void> undeploy(String name) {
    Deployment deployment = running.remove(name);
    if (deployment == null) {
      return Future.succeededFuture();
    }
    LOG.info("Undeploying {}", name);
    return vertx.undeploy(deployment.id());
  }

  private Future<Void> announceDisabled(ServerConfig server) {
    LOG.info("{} is disabled in the config", server.name());
    vertx.eventBus().publish(StatusAddresses.STATUS, StatusEvent.server(server.name(), "disabled",
        server.host(), server.port(), "enabled is false in the config").toJson());
    return Future.succeededFuture();
  }

  /** Undeploys every server; their stop waits for requests in flight. */
  Future<Void> undeployAll() {
    List<Future<?>> steps = new ArrayList<>();
    for (String name : List.copyOf(running.keySet())) {
      steps.add(undeploy(name));
    }
    return Future.join(steps).mapEmpty();
  }
}
