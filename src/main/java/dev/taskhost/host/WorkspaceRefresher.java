package dev.taskhost.host;

import dev.taskhost.status.LogThrottle;
import dev.taskhost.status.StatusAddresses;
import dev.taskhost.workspace.TaskStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices task files changed by other programs: a cheap periodic check of the
 * store's files, and a {@code taskhost.tasks.changed} message when any changed.
 */
final class WorkspaceRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceRefresher.class);

  private final Vertx vertx;
  private final Supplier<TaskStore> store;
  private final LogThrottle failures = new LogThrottle(5 * 60 * 1_000);
  private long timer = -1;
  private boolean checking;

  WorkspaceRefresher(Vertx vertx, Supplier<TaskStore> store) {
    this.vertx = vertx;
    this.store = store;
  }

  void start(long periodMs) {
    timer = vertx.setPeriodic(periodMs, id -> check());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    TaskStore current = store.get();
    vertx.executeBlocking(current::refreshIfChanged).onComplete(result -> {
      checking = false;
      if (result.failed()) {
        int suppressed = failures.admit(System.currentTimeMillis());
        if (suppressed >= 0) {
          LOG.warn("Failed to check the workspace for changes: {} ({} repeats not logged)",
              result.cause().getMessage(), suppressed);
        }
        return;
      }
      failures.reset();
      if (result.result()) {
        LOG.info("Task files changed on disk; the task list was refreshed");
        vertx.eventBus().publish(StatusAddresses.TASKS_CHANGED,
            new JsonObject().put("changed", new JsonArray()).put("reason", "file-changed"));
      }
    });
  }
}
