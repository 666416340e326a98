package dev.taskhost.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Installs the host's signal handlers. The JVM's own SIGTERM handling would exit
 * with status 143, which launchd counts as a crash, so TERM and INT are taken over.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {
  }

  static void install(Runnable shutdown, Runnable reload) {
    handle("TERM", shutdown);
    handle("INT", shutdown);
    handle("HUP", reload);
  }

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), signal -> {
        LOG.info("Received SIG{}", name);
        action.run();
      });
    } catch (IllegalArgumentException e) {
      LOG.warn("Cannot handle SIG{} on this platform: {}", name, e.getMessage());
    }
  }
}
