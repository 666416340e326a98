package dev.taskhost.http;

import dev.taskhost.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Detects a listener on the wildcard address of a port. On macOS a bind to
 * 127.0.0.1 succeeds while another program listens on *:port, and that program
 * would then get some of the connections, so it counts as a conflict.
 */
final class PortProbe {
  private PortProbe() {
  }

  /**
   * Whether binding the wildcard address of the target's port fails. On Linux this
   * also catches a listener on the exact address, which a bind would hit anyway.
   */
  static boolean wildcardTaken(ServerConfig target) {
    if (target.host().equals("0.0.0.0") || target.host().equals("::")) {
      return false;
    }
    try (ServerSocket probe = new ServerSocket()) {
      // SO_REUSEADDR keeps connections in TIME_WAIT from counting as a listener.
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress("0.0.0.0", target.port()));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
