package dev.taskhost.host;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The host's signal handlers, installed before the PID file names this process.
 * The JVM's own handling would end the process with status 143 on SIGTERM, which
 * launchd counts as a crash, and with 129 on SIGHUP. A signal that arrives before
 * the host is ready is remembered and acted on as soon as the host attaches.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private final AtomicBoolean shutdownRequested = new AtomicBoolean();
  private final AtomicBoolean reloadRequested = new AtomicBoolean();
  private volatile Runnable onShutdown;
  private volatile Runnable onReload;

  private Signals() {
  }

  /** Installs handlers for SIGTERM, SIGINT and SIGHUP. */
  public static Signals install() {
    Signals signals = new Signals();
    signals.handle("TERM", signals::shutdown);
    signals.handle("INT", signals::shutdown);
    signals.handle("HUP", signals::reload);
    return signals;
  }

  /** Routes signals to the host from now on, running what was requested meanwhile. */
  void attach(Runnable shutdown, Runnable reload) {
    onShutdown = shutdown;
    onReload = reload;
    if (shutdownRequested.get()) {
      shutdown.run();
    } else if (reloadRequested.getAndSet(false)) {
      reload.run();
    }
  }

  private void shutdown() {
    shutdownRequested.set(true);
    Runnable action = onShutdown;
    if (action != null) {
      action.run();
    }
  }

  private void reload() {
    reloadRequested.set(true);
    Runnable action = onReload;
    if (action != null && reloadRequested.getAndSet(false)) {
      action.run();
    }
  }

  private void handle(String name, Runnable action) {
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
