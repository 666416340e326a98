package dev.taskhost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports that were free a moment ago on 127.0.0.1. */
public final class FreePorts {
  private FreePorts() {
  }

  /**
   * Returns a free port other than {@code taken}. Two calls to {@link #next()} in a row can return the
   * same port, because the OS may hand out a port again as soon as its probe socket closes.
   */
  public static int nextExcept(int... taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = next();
      if (java.util.Arrays.stream(taken).noneMatch(used -> used == port)) {
        return port;
      }
    }
    throw new IllegalStateException("the OS offered only the taken ports "
        + java.util.Arrays.toString(taken) + " in 100 attempts");
  }

  public static int next() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
