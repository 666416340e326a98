package dev.taskhost.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Test-binds ports the way the host binds them. Sockets use SO_REUSEADDR, so
 * connections left in TIME_WAIT by an earlier host never count as a listener.
 */
public final class PortProbe {
  private PortProbe() {
  }

  /**
   * Returns whether {@code host:port} can be bound now and no other program listens on
   * the wildcard address of the port. On macOS a bind to 127.0.0.1 succeeds while
   * another program listens on *:port, and that program would then get some of
   * the connections, so it counts as taken. On Linux the wildcard probe also
   * catches a listener on the exact address.
   */
  public static boolean free(String host, int port) {
    if (!canBind(host, port)) {
      return false;
    }
    return isWildcard(host) || canBind("0.0.0.0", port);
  }

  /** Returns whether a listener on the wildcard address of the port is in the way. */
  public static boolean wildcardTaken(String host, int port) {
    return !isWildcard(host) && !canBind("0.0.0.0", port);
  }

  private static boolean canBind(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::");
  }
}
