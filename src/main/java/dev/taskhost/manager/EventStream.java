package dev.taskhost.manager;

import dev.taskhost.status.StatusAddresses;
import dev.taskhost.status.StatusEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/events}: server-sent events relaying the status, task and note
 * messages of the bus to the page. Outbound only: the page cannot publish.
 */
final class EventStream implements Handler<RoutingContext> {
  private static final long HEARTBEAT_MS = 15_000;

  private final Vertx vertx;

  EventStream(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n\n");
    List<MessageConsumer<JsonObject>> consumers = List.of(
        relay(response, StatusAddresses.STATUS, "status"),
        relay(response, StatusAddresses.TASKS_CHANGED, "tasks"),
        relay(response, StatusAddresses.NOTES_SAVED, "notes"));
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> response.write(": ping\n\n"));
    Handler<Void> cleanup = v -> {
      vertx.cancelTimer(heartbeat);
      consumers.forEach(MessageConsumer::unregister);
    };
    response.closeHandler(cleanup);
    response.endHandler(cleanup);
  }

  private MessageConsumer<JsonObject> relay(HttpServerResponse response, String address,
      String eventName) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      if (response.ended() || response.closed()) {
        return;
      }
      response.write("event: " + eventName + "\ndata: " + message.body().encode() + "\n\n");
      if (isHostShutdown(address, message.body())) {
        // An open stream would hold the graceful shutdown for its full timeout.
        response.end();
      }
    });
  }

  private static boolean isHostShutdown(String address, JsonObject body) {
    return StatusAddresses.STATUS.equals(address)
        && StatusEvent.HOST.equals(body.getString("source"))
        && "shutting-down".equals(body.getString("state"));
  }
}
