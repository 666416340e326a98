package dev.taskhost.http;

import java.util.List;
import java.util.Locale;

/**
 * The request rules both servers share: which Host names and Origins are allowed,
 * and whether the host is draining for shutdown. Updated as a whole when the
 * config changes, so the allowed names follow the ports after a rebind.
 */
public final class HttpPolicy {
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  private record Rules(int managerPort, List<String> extraHosts, List<String> extraOrigins,
      int maxBodyBytes) {
  }

  private volatile Rules rules;
  private volatile boolean draining;

  public HttpPolicy(int managerPort, List<String> extraHosts, List<String> extraOrigins,
      int maxBodyBytes) {
    update(managerPort, extraHosts, extraOrigins, maxBodyBytes);
  }

  /** Replaces the rules; requests already in flight keep the ones they started with. */
  public void update(int managerPort, List<String> extraHosts, List<String> extraOrigins,
      int maxBodyBytes) {
    this.rules = new Rules(managerPort, lower(extraHosts), lower(extraOrigins), maxBodyBytes);
  }

  public int maxBodyBytes() {
    return rules.maxBodyBytes();
  }

  public boolean draining() {
    return draining;
  }

  /** From now on every new request gets 503. */
  public void startDraining() {
    draining = true;
  }

  /**
   * Returns whether a {@code Host} header may reach a server listening on {@code port}:
   * a loopback name with that port, the server's own bind address, or a name
   * from {@code http.allowedHosts}. Anything else may be DNS rebinding.
   */
  public boolean hostAllowed(String hostHeader, String bindHost, int port) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String value = hostHeader.strip().toLowerCase(Locale.ROOT);
    String suffix = ":" + port;
    for (String name : LOOPBACK_NAMES) {
      if (value.equals(name + suffix)) {
        return true;
      }
    }
    String bind = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    if (value.equals(bind.toLowerCase(Locale.ROOT) + suffix)) {
      return true;
    }
    for (String name : rules.extraHosts()) {
      if (value.equals(name) || value.equals(name + suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether an {@code Origin} is the task-manager page or in {@code http.allowedOrigins}. */
  public boolean originAllowed(String origin) {
    if (origin == null) {
      return false;
    }
    String value = origin.strip().toLowerCase(Locale.ROOT);
    String suffix = ":" + rules.managerPort();
    for (String name : LOOPBACK_NAMES) {
      if (value.equals("http://" + name + suffix)) {
        return true;
      }
    }
    return rules.extraOrigins().contains(value);
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
        .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v).toList();
  }
}
