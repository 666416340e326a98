package dev.taskhost.http;

import dev.taskhost.status.StatusAddresses;
import dev.taskhost.workspace.TasksView;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;

/** The routes both servers serve: health, the status snapshot and the task list. */
public final class CommonRoutes {
  private static final DeliveryOptions SNAPSHOT_TIMEOUT = new DeliveryOptions().setSendTimeout(2_000);

  private final Vertx vertx;
  private final ServerContext context;
  private final String serverType;
  // Written and read on this server's event loop; volatile in case a router runs elsewhere.
  private volatile CachedBody body;

  /** {@code serverType} is {@code html_server} or {@code api_server}, as the old servers reported. */
  public CommonRoutes(Vertx vertx, ServerContext context, String serverType) {
    this.vertx = vertx;
    this.context = context;
    this.serverType = serverType;
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/api/status").handler(this::status);
    router.get("/api/tasks").handler(this::listTasks);
  }

  private void health(RoutingContext ctx) {
    JsonReplies.ok(ctx, new JsonObject()
        .put("status", "healthy")
        .put("port", ctx.request().localAddress().port())
        .put("type", serverType)
        .put("timestamp", LocalDateTime.now().toString())
        .put("host", context.hostState().get()));
  }

  private void status(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(StatusAddresses.SNAPSHOT, null, SNAPSHOT_TIMEOUT)
        .onSuccess(reply -> JsonReplies.ok(ctx, reply.body()))
        .onFailure(e -> ctx.fail(new HttpError(503, "the status registry did not respond: "
            + e.getMessage())));
  }

  private void listTasks(RoutingContext ctx) {
    TasksView view = context.store().view();
    String etag = view.etag();
    ctx.response().putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(bodyOf(view));
  }

  /**
   * Returns the body of {@code view} from a direct buffer made once per view. Buffer.buffer
   * would copy the bytes to the heap on every request and Netty once more to a
   * pooled direct buffer for the socket, and those pools stay resident after a
   * burst. Writing a slice of one direct buffer copies nothing.
   */
  private Buffer bodyOf(TasksView view) {
    CachedBody cached = body;
    if (cached == null || cached.view() != view) {
      ByteBuffer direct = ByteBuffer.allocateDirect(view.json().length).put(view.json()).flip();
      // The JDK frees the memory when the buffer becomes unreachable, so the wrapper
      // is unreleasable: Netty's release after each write must not free it.
      // NOTE: BufferInternal is Vert.x's internal API (5.0); recheck it on upgrades.
      cached = new CachedBody(view, BufferInternal.buffer(
          Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct))));
      body = cached;
    }
    return cached.buffer();
  }

  private record CachedBody(TasksView view, Buffer buffer) {
  }
}
