package dev.taskhost.launchd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Polls /health on both of a fixture's ports in the background and records every failed probe. */
final class HealthProbe implements AutoCloseable {

  private static final long PERIOD_MILLIS = 100;

  private final HostFixture host;
  private final Thread thread;
  private final List<String> failures = new ArrayList<>();
  private volatile boolean running = true;
  private int probes;

  HealthProbe(HostFixture host) {
    this.host = host;
    this.thread = new Thread(this::poll, "health-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    while (running) {
      for (int port : new int[] {host.managerPort, host.notesPort}) {
        boolean healthy = host.healthy(port);
        synchronized (this) {
          probes++;
          if (!healthy) {
            failures.add(Instant.now() + " port " + port);
          }
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized int probes() {
    return probes;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
