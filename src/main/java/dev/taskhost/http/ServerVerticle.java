package dev.taskhost.http;

import dev.taskhost.config.ServerConfig;
import dev.taskhost.guard.PortOwner;
import dev.taskhost.guard.PortProbe;
import dev.taskhost.status.StatusAddresses;
import dev.taskhost.status.StatusEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server of the host. A port held by another program never fails the
 * deployment: the server reports {@code port-conflict} and retries with backoff,
 * and a new address is bound before the old listener closes (make before break).
 */
public abstract class ServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ServerVerticle.class);
  private static final long FIRST_BACKOFF_MS = 1_000;
  private static final long REMINDER_MS = 5 * 60 * 1_000;

  protected final ServerContext shared;
  private final long shutdownTimeoutMs;
  private volatile ServerConfig config;
  private volatile long maxBackoffMs;
  private Router router;
  private HttpServer server;
  private ServerConfig bound;
  private long retryTimer = -1;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long lastReminder;

  protected ServerVerticle(ServerConfig config, ServerContext shared, long maxBackoffMs,
      long shutdownTimeoutMs) {
    this.shared = shared;
    this.config = config;
    this.maxBackoffMs = maxBackoffMs;
    this.shutdownTimeoutMs = shutdownTimeoutMs;
  }

  /** Builds the routes; called once at deployment, reused across rebinds. */
  protected abstract Router createRouter();

  /**
   * Creates a router whose first handler applies the request rules and which
   * serves the routes both servers share. {@code serverType} is what /health reports.
   */
  protected Router guardedRouter(String serverType) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestGuard(shared.policy(), () -> config.host(),
        () -> config.port()));
    new CommonRoutes(vertx, shared, serverType).mount(router);
    return router;
  }

  /** Returns the server's name on the bus and in the config. */
  public String name() {
    return config.name();
  }

  /** Returns the address the server is to listen on now. */
  public ServerConfig serverConfig() {
    return config;
  }

  @Override
  public Future<?> start() {
    router = createRouter();
    publish("starting", config, null);
    return bind(config).recover(e -> Future.succeededFuture());
  }

  /**
   * Moves the server to a new address. Runs on the verticle's context; the old
   * listener keeps serving until the new one listens.
   */
  public Future<Void> apply(ServerConfig next, long nextMaxBackoffMs) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      maxBackoffMs = nextMaxBackoffMs;
      if (next.equals(config)) {
        done.complete();
        return;
      }
      LOG.info("{} moves from {} to {}", name(), config.address(), next.address());
      config = next;
      cancelRetry();
      backoffMs = FIRST_BACKOFF_MS;
      publish("rebinding", next, bound == null ? null : "still listening on " + bound.address());
      releaseSamePort(next).compose(released -> bind(next)).onComplete(r -> done.complete());
    });
    return done.future();
  }

  // Make before break is impossible when only the host changes, because the old
  // listener still owns the port. So it closes first.
  private Future<Void> releaseSamePort(ServerConfig next) {
    if (server == null || bound.port() != next.port()) {
      return Future.succeededFuture();
    }
    HttpServer previous = server;
    server = null;
    bound = null;
    return previous.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS);
  }

  private Future<Void> bind(ServerConfig target) {
    if (!target.loopback()) {
      LOG.warn("{} listens on the non-loopback address {}: other machines may reach it",
          name(), target.address());
    }
    if (PortProbe.wildcardTaken(target.host(), target.port())) {
      onBindFailure(target, "in use", true);
      return Future.failedFuture("port conflict");
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost(target.host())
        .setPort(target.port())
        .setReuseAddress(true)
        // HTTP/1.1 only: an h2c upgrade would carry the name in :authority, not Host.
        .setHttp2ClearTextEnabled(false);
    HttpServer candidate = vertx.createHttpServer(options).requestHandler(router);
    return candidate.listen().<Void>map(listening -> {
      onListening(target, listening);
      return null;
    }).onFailure(e -> onBindFailure(target, e.getMessage(), isAddressInUse(e)));
  }

  private void onListening(ServerConfig target, HttpServer listening) {
    if (!target.equals(config)) {
      // The config moved on while this bind was in flight.
      listening.close();
      return;
    }
    HttpServer previous = server;
    ServerConfig previousAddress = bound;
    server = listening;
    bound = target;
    backoffMs = FIRST_BACKOFF_MS;
    LOG.info("{} listening on http://{}", name(), target.address());
    publish("listening", target, null);
    if (previous != null) {
      previous.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS).onComplete(r ->
          LOG.info("{} closed its old listener on {}", name(), previousAddress.address()));
    }
  }

  private void onBindFailure(ServerConfig target, String reason, boolean inUse) {
    if (!target.equals(config)) {
      return;
    }
    String holder = inUse ? PortOwner.describe(target.port()).orElse(null) : null;
    String detail = (inUse ? "port " + target.port() + " is in use" : "cannot listen: " + reason)
        + (holder == null ? "" : " by " + holder)
        + (bound != null ? "; still serving on " + bound.address() : "")
        + "; retrying in " + backoffMs / 1_000 + " s";
    String state = inUse ? "port-conflict" : "failed";
    logFailure(target, state, detail);
    publish(state, target, detail);
    retryTimer = vertx.setTimer(backoffMs, id -> {
      retryTimer = -1;
      bind(config);
    });
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }

  // One line per state change, then a reminder at most every five minutes.
  private void logFailure(ServerConfig target, String state, String detail) {
    long now = System.currentTimeMillis();
    boolean firstFailure = backoffMs == FIRST_BACKOFF_MS;
    if (firstFailure) {
      LOG.warn("{} {} on {}: {}", name(), state, target.address(), detail);
      lastReminder = now;
    } else if (now - lastReminder >= REMINDER_MS) {
      LOG.warn("{} still cannot listen on {}: {}", name(), target.address(), detail);
      lastReminder = now;
    }
  }

  @Override
  public Future<?> stop() {
    cancelRetry();
    ServerConfig current = config;
    publish("stopping", current, null);
    Future<Void> closing = server == null ? Future.succeededFuture()
        : server.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS);
    return closing.onComplete(r -> {
      LOG.info("{} stopped listening on {}", name(), current.address());
      publish("stopped", current, null);
    });
  }

  private void cancelRetry() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
  }

  private void publish(String state, ServerConfig target, String detail) {
    vertx.eventBus().publish(StatusAddresses.STATUS,
        StatusEvent.server(name(), state, target.host(), target.port(), detail).toJson());
  }

  private static boolean isAddressInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("in use")) {
        return true;
      }
    }
    return false;
  }
}
