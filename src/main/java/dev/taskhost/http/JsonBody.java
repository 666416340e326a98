package dev.taskhost.http;

import io.vertx.core.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a JSON object body under the size cap of {@code http.maxBodyBytes} and puts
 * it in the context under {@link #KEY}. File uploads are never accepted, so no
 * upload folder is ever created.
 */
public final class JsonBody implements Handler<RoutingContext> {
  public static final String KEY = "taskhost.body";

  private final HttpPolicy policy;
  private volatile int limit = -1;
  private volatile BodyHandler bodyHandler;

  public JsonBody(HttpPolicy policy) {
    this.policy = policy;
  }

  /** Reads the body; mount {@link #decode} right after this handler. */
  @Override
  public void handle(RoutingContext ctx) {
    currentHandler().handle(ctx);
  }

  private BodyHandler currentHandler() {
    int maxBytes = policy.maxBodyBytes();
    if (bodyHandler == null || limit != maxBytes) {
      bodyHandler = BodyHandler.create(false).setBodyLimit(maxBytes);
      limit = maxBytes;
    }
    return bodyHandler;
  }

  /** Parses the body read by the previous handler into a JSON object. */
  public static void decode(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      ctx.fail(new HttpError(400, "the request body is empty; send a JSON object"));
      return;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(ctx.body().buffer().getBytes())).toString();
    } catch (CharacterCodingException e) {
      // Jackson would accept overlong forms such as C0 AF, which Python rejects.
      ctx.fail(new HttpError(400, "the body is not valid UTF-8; send the JSON encoded as UTF-8"));
      return;
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      ctx.fail(new HttpError(400, "malformed JSON: " + firstLine(e.getMessage())));
      return;
    }
    if (!(value instanceof JsonObject object)) {
      ctx.fail(new HttpError(400, "the body must be a JSON object, not " + kind(value)));
      return;
    }
    ctx.put(KEY, object);
    ctx.next();
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "a list";
    }
    if (value instanceof String) {
      return "a string";
    }
    return value instanceof Number ? "a number" : "a boolean";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable body";
    }
    if (message.contains("nesting depth")) {
      return "the JSON is nested more than 1000 levels deep";
    }
    String line = message.replaceFirst("^Failed to decode: ?", "").lines().findFirst()
        .orElse(message);
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
