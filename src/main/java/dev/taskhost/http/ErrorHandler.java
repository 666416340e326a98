package dev.taskhost.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure path: every failed request ends here and gets the JSON error
 * body with its status code. Clients never see a stack trace.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  private final String serverName;
  private final HttpPolicy policy;

  public ErrorHandler(String serverName, HttpPolicy policy) {
    this.serverName = serverName;
    this.policy = policy;
  }

  /** Routes failures and unmatched requests (404, 405) of {@code router} here. */
  public static void install(io.vertx.ext.web.Router router, String serverName, HttpPolicy policy) {
    ErrorHandler handler = new ErrorHandler(serverName, policy);
    router.route().failureHandler(handler);
    router.errorHandler(404, handler);
    router.errorHandler(405, handler);
    router.errorHandler(500, handler);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = statusOf(ctx, failure);
    String message = messageOf(ctx, status, failure, policy.maxBodyBytes());
    if (status >= 500) {
      LOG.error("{} failed on {} {}: {}", serverName, ctx.request().method(),
          ctx.request().path(), message, failure);
    }
    JsonReplies.send(ctx, status, JsonReplies.error(message).toBuffer());
  }

  private static int statusOf(RoutingContext ctx, Throwable failure) {
    if (failure instanceof HttpError error) {
      return error.statusCode();
    }
    if (failure instanceof DecodeException) {
      return 400;
    }
    return ctx.statusCode() > 0 ? ctx.statusCode() : 500;
  }

  private static String messageOf(RoutingContext ctx, int status, Throwable failure,
      int maxBodyBytes) {
    if (failure instanceof HttpError error) {
      return error.getMessage();
    }
    return switch (status) {
      case 400 -> "malformed request: " + (failure == null ? "bad syntax" : failure.getMessage());
      case 404 -> "not found: " + ctx.request().method() + " " + ctx.request().path();
      case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "request body larger than " + maxBodyBytes + " bytes; send less, or raise"
          + " http.maxBodyBytes in the config";
      case 415 -> "unsupported content type; send application/json";
      default -> "internal error while handling " + ctx.request().path()
          + "; the host log has the details";
    };
  }
}
