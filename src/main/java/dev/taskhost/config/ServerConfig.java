package dev.taskhost.config;

/** Settings of one HTTP server: whether it runs, and where it listens. */
public record ServerConfig(String name, boolean enabled, String host, int port) {

  /** Whether the server binds a loopback address only. */
  public boolean loopback() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
        || host.startsWith("127.");
  }

  /** host:port as a person reads it. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
