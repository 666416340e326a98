package dev.taskhost.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The first handler on every route of both servers. Localhost is not a trust
 * boundary: any page the user visits can send requests to 127.0.0.1. So this
 * rejects foreign Host headers (DNS rebinding), answers CORS only for the page's
 * own origins, and keeps cross-site "simple" POSTs from writing anything.
 */
public final class RequestGuard implements Handler<RoutingContext> {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final HttpPolicy policy;
  private final Supplier<String> bindHost;
  private final Supplier<Integer> port;

  /** {@code bindHost} and {@code port} give the server's current address, which may change. */
  public RequestGuard(HttpPolicy policy, Supplier<String> bindHost, Supplier<Integer> port) {
    this.policy = policy;
    this.bindHost = bindHost;
    this.port = port;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (policy.draining()) {
      ctx.fail(new HttpError(503, "taskhost is shutting down; retry in a few seconds"));
      return;
    }
    String host = request.getHeader(HttpHeaders.HOST);
    int localPort = request.localAddress() == null ? port.get() : request.localAddress().port();
    if (!policy.hostAllowed(host, bindHost.get(), localPort)) {
      ctx.fail(new HttpError(403, "Host header \"" + printable(host) + "\" is not allowed; use"
          + " http://localhost:" + localPort + " or add the name to http.allowedHosts"));
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    boolean originAllowed = origin != null && policy.originAllowed(origin);
    if (origin != null && !originAllowed && !SAFE.contains(request.method())) {
      ctx.fail(new HttpError(403, "origin \"" + printable(origin) + "\" is not allowed to change"
          + " data; add it to http.allowedOrigins if you trust it"));
      return;
    }
    if (originAllowed) {
      ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
          .putHeader(HttpHeaders.VARY, "Origin");
    }
    if (request.method() == HttpMethod.OPTIONS) {
      answerPreflight(ctx, origin, originAllowed);
      return;
    }
    if (!SAFE.contains(request.method()) && hasBody(request) && !isJson(request)) {
      ctx.fail(new HttpError(415, "content type \"" + printable(request.getHeader(
          HttpHeaders.CONTENT_TYPE)) + "\" is not supported; send application/json"));
      return;
    }
    ctx.next();
  }

  private static void answerPreflight(RoutingContext ctx, String origin, boolean allowed) {
    if (origin != null && !allowed) {
      ctx.fail(new HttpError(403, "origin \"" + printable(origin) + "\" is not allowed; add it to"
          + " http.allowedOrigins if you trust it"));
      return;
    }
    ctx.response()
        .setStatusCode(204)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
        .end();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
        || (length != null && !length.strip().equals("0"));
  }

  private static boolean isJson(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String mime = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mime.equals("application/json");
  }

  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String cleaned = value.replaceAll("[\\p{Cntrl}\"]", "?");
    return cleaned.length() > 80 ? cleaned.substring(0, 77) + "..." : cleaned;
  }
}
