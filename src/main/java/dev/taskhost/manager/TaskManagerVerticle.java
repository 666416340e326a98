package dev.taskhost.manager;

import dev.taskhost.config.ServerConfig;
import dev.taskhost.http.ErrorHandler;
import dev.taskhost.http.ServerContext;
import dev.taskhost.http.ServerVerticle;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** The task-manager server (the old page server on port 8767): the page, its assets and live events. */
public final class TaskManagerVerticle extends ServerVerticle {
  static final String PAGE = "/tasks-manager.html";
  private static final String WEBROOT = "webroot";

  public TaskManagerVerticle(ServerConfig config, ServerContext shared, long maxBackoffMs,
      long shutdownTimeoutMs) {
    super(config, shared, maxBackoffMs, shutdownTimeoutMs);
  }

  @Override
  protected Router createRouter() {
    Router router = guardedRouter("html_server");
    router.get("/api/events").handler(new EventStream(vertx));
    // Old bookmarks keep working: both former page names serve the one page.
    router.get("/").handler(ctx -> ctx.reroute(PAGE));
    router.get("/tasks-overview-priority.html").handler(ctx -> ctx.reroute(PAGE));
    router.get("/dashboard").handler(ctx -> ctx.reroute("/dashboard.html"));
    router.route().method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD)
        .handler(StaticHandler.create(WEBROOT)
            .setIndexPage(PAGE.substring(1))
            .setDirectoryListing(false)
            .setIncludeHidden(false)
            .setDefaultContentEncoding("UTF-8"));
    ErrorHandler.install(router, name(), shared.policy());
    return router;
  }
}
