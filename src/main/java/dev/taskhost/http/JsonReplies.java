package dev.taskhost.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON bodies in the shapes the old servers used. */
public final class JsonReplies {
  private static final String JSON = "application/json; charset=utf-8";

  private JsonReplies() {
  }

  /** Ends the response with {@code body} and status 200. */
  public static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, body.toBuffer());
  }

  /** Ends the response with already serialised JSON. */
  public static void send(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }

  /** {@code {"success": false, "status": "error", "message": ...}}. */
  public static JsonObject error(String message) {
    return new JsonObject().put("success", false).put("status", "error").put("message", message);
  }

  /** {@code {"success": true, "status": "success", "message": ...}}. */
  public static JsonObject success(String message) {
    return new JsonObject().put("success", true).put("status", "success").put("message", message);
  }
}
