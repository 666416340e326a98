package dev.taskhost.host;

import dev.taskhost.config.ConfigException;
import dev.taskhost.config.ConfigWatcher;
import dev.taskhost.config.HostConfig;
import dev.taskhost.guard.PidFile;
import dev.taskhost.http.HttpPolicy;
import dev.taskhost.http.ServerContext;
import dev.taskhost.status.HostInfo;
import dev.taskhost.status.HostState;
import dev.taskhost.status.StatusAddresses;
import dev.taskhost.status.StatusEvent;
import dev.taskhost.status.StatusRegistry;
import dev.taskhost.workspace.TaskStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running host: one Vert.x instance with the status registry and the two
 * servers, following its config file until SIGTERM or SIGINT. All state changes
 * run on one Vert.x context, so they never interleave.
 */
public final class Host {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);
  private static final long REFRESH_PERIOD_MS = 1_000;

  private final HostLaunch launch;
  private final HostState hostState = new HostState();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final long pid = ProcessHandle.current().pid();
  private Vertx vertx;
  private Context context;
  private HttpPolicy policy;
  private ServerContext shared;
  private ServerDeployments deployments;
  private WorkspaceRefresher refresher;
  private ConfigWatcher watcher;
  private HostConfig current;
  // Config changes apply one after another, so a reload during start-up never
  // deploys the servers twice.
  private Future<Void> applying = Future.succeededFuture();
  private boolean reloadPending;
  private CompletableFuture<TaskStore> preload;

  public Host(HostLaunch launch) {
    this.launch = launch;
  }

  /** Runs the host until it has shut down; returns the process exit status. */
  public int run() throws InterruptedException {
    LOG.info("taskhost {} starting: PID {}, config {}, state folder {}{}", launch.version(), pid,
        launch.location().builtIn() ? "built-in defaults" : launch.location().file(),
        launch.stateDir(), launch.supervisor() == null ? "" : ", under " + launch.supervisor());
    StateFolder.removeStaleFileCaches(launch.stateDir());
    // Loaded now: if the jar is replaced while the host runs, a class first needed at
    // shutdown could no longer be found, and the watchdog is what ends a hung shutdown.
    LOG.debug("Shutdown watchdog ready: {}", ShutdownWatchdog.class.getSimpleName());
    // Loading the workspace needs no Vert.x, so it overlaps the start of Vert.x.
    preload = launch.config() == null ? null
        : Workspaces.openInBackground(launch.config(), launch.stateDir(), this::announceNoteView);
    vertx = Vertx.vertx(new VertxOptions()
        // One event loop per core: more loops only add Netty buffer arenas to the resident set.
        .setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .setWorkerPoolSize(8)
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCacheDir(launch.stateDir().resolve("file-cache").toString())));
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> begin());
    launch.signals().attach(this::requestShutdown, this::requestReload);
    stopped.await();
    return 0;
  }

  private void begin() {
    HostInfo info = new HostInfo(pid, Instant.now(), launch.location().builtIn() ? null
        : launch.location().file().toString(), launch.version(), launch.supervisor(),
        launch.stateDir().toString());
    vertx.deployVerticle(new StatusRegistry(info, launch.stateDir(), this::workspaceInfo))
        .onSuccess(id -> startFollowingConfig())
        .onFailure(e -> {
          LOG.error("Failed to start the status registry: {}", e.getMessage(), e);
          requestShutdown();
        });
  }

  private void startFollowingConfig() {
    if (shuttingDown.get()) {
      return;
    }
    if (!launch.location().builtIn()) {
      watcher = new ConfigWatcher(vertx, launch.location().file(), launch.configContent(),
          this::onConfigOutcome);
    }
    if (launch.config() != null) {
      apply(launch.config());
    } else {
      waitForConfig(launch.error());
    }
    if (reloadPending && watcher != null) {
      reloadPending = false;
      watcher.reloadNow();
    }
  }

  private void waitForConfig(ConfigException error) {
    LOG.error("Invalid config, serving nothing until the file is fixed: {}", error.getMessage());
    hostState.set("waiting-for-config");
    publish(StatusEvent.host("waiting-for-config", error.getMessage()));
    watcher.start(1_000);
  }

  private void onConfigOutcome(ConfigWatcher.Outcome outcome) {
    if (shuttingDown.get()) {
      return;
    }
    if (outcome.error() != null) {
      LOG.error("Rejected the config change, the running config stays: {}",
          outcome.error().getMessage());
      publish(StatusEvent.host("config-rejected", outcome.error().getMessage()));
      return;
    }
    LOG.info("Config file {} changed; applying it", launch.location().file());
    apply(outcome.config());
  }

  private void apply(HostConfig next) {
    applying = applying.eventually(() -> shuttingDown.get() ? Future.succeededFuture()
        : applyNow(next));
  }

  private Future<Void> applyNow(HostConfig next) {
    return workspaceFor(next)
        .compose(store -> {
          installStore(store, next);
          return deployments.apply(next);
        })
        .onSuccess(v -> applied(next))
        .<Void>mapEmpty()
        .onFailure(e -> {
          String detail = e.getMessage();
          LOG.error("Cannot apply the config from {}: {}", next.origin(), detail);
          publish(StatusEvent.host(current == null ? "waiting-for-config" : "config-rejected", detail));
          if (current == null && watcher != null) {
            hostState.set("waiting-for-config");
            watcher.start(next.scanPeriodMs());
          }
        });
  }

  private void applied(HostConfig next) {
    boolean first = current == null;
    boolean same = next.equals(current);
    current = next;
    if (first) {
      hostState.set("running");
      publish(StatusEvent.host("running", null));
      refresher = new WorkspaceRefresher(vertx, () -> shared.store());
      refresher.start(REFRESH_PERIOD_MS);
    }
    publish(StatusEvent.host("config-applied", same
        ? "re-read " + next.origin() + ", nothing changed" : "applied " + next.origin()));
    if (watcher != null) {
      watcher.start(next.scanPeriodMs());
    }
  }

  // A new workspace is loaded in full before it replaces the old one.
  private Future<TaskStore> workspaceFor(HostConfig next) {
    boolean sameWorkspace = current != null
        && Objects.equals(current.workspace(), next.workspace())
        && Objects.equals(current.personalTasks(), next.personalTasks());
    if (sameWorkspace) {
      return Future.succeededFuture(shared.store());
    }
    CompletableFuture<TaskStore> loaded = preload;
    preload = null;
    if (loaded != null && next == launch.config()) {
      return Future.fromCompletionStage(loaded, context);
    }
    return vertx.executeBlocking(() -> openWorkspace(next));
  }

  private TaskStore openWorkspace(HostConfig config) throws IOException {
    return Workspaces.open(config, launch.stateDir(), this::announceNoteView);
  }

  // Runs long after start-up, once Vert.x exists: the store calls it after saved notes.
  private void announceNoteView() {
    vertx.eventBus().publish(StatusAddresses.TASKS_CHANGED,
        new JsonObject().put("changed", new JsonArray()).put("reason", "note"));
  }

  private void installStore(TaskStore store, HostConfig next) {
    if (shared == null) {
      var manager = next.server(HostConfig.TASK_MANAGER);
      policy = new HttpPolicy(manager.port(), next.allowedHosts(), next.allowedOrigins(),
          next.maxBodyBytes());
      shared = new ServerContext(store, policy, hostState);
      deployments = new ServerDeployments(vertx, shared);
      return;
    }
    policy.update(next.server(HostConfig.TASK_MANAGER).port(), next.allowedHosts(),
        next.allowedOrigins(), next.maxBodyBytes());
    TaskStore previous = shared.swapStore(store);
    if (previous != store) {
      vertx.executeBlocking(() -> {
        previous.close();
        return null;
      });
      vertx.eventBus().publish(StatusAddresses.TASKS_CHANGED,
          new JsonObject().put("changed", new JsonArray()).put("reason", "workspace"));
    }
  }

  private JsonObject workspaceInfo() {
    JsonArray warnings = new JsonArray();
    if (shared == null) {
      return new JsonObject().put("path", null).put("warnings", warnings);
    }
    shared.store().warnings().forEach(w ->
        warnings.add(new JsonObject().put("file", w.file()).put("message", w.message())));
    return new JsonObject()
        .put("path", Workspaces.pathOf(current, launch.stateDir()).toString())
        .put("warnings", warnings);
  }

  private void requestReload() {
    context.runOnContext(v -> {
      if (shuttingDown.get()) {
        return;
      }
      if (launch.location().builtIn()) {
        LOG.warn("Reload requested, but the host runs on built-in defaults: there is no file to"
            + " re-read");
        publish(StatusEvent.host("config-rejected",
            "no config file: the host runs on built-in defaults"));
      } else if (watcher == null) {
        // Still deploying the registry: reload once the config is being followed.
        reloadPending = true;
      } else {
        watcher.reloadNow();
      }
    });
  }

  private void requestShutdown() {
    if (!shuttingDown.compareAndSet(false, true)) {
      return;
    }
    long timeout = current == null ? 5_000 : current.shutdownTimeoutMs();
    ShutdownWatchdog.start(timeout + 5_000, () -> finish("the shutdown timed out"));
    context.runOnContext(v -> shutdown());
  }

  private void shutdown() {
    LOG.info("Shutting down: finishing requests in flight");
    hostState.set("shutting-down");
    publish(StatusEvent.host("shutting-down", null));
    if (policy != null) {
      policy.startDraining();
    }
    if (watcher != null) {
      watcher.stop();
    }
    if (refresher != null) {
      refresher.stop();
    }
    Future<Void> servers = deployments == null ? Future.succeededFuture() : deployments.undeployAll();
    servers
        .eventually(() -> vertx.executeBlocking(() -> {
          if (shared != null) {
            shared.store().close();
          }
          return null;
        }))
        .eventually(() -> {
          hostState.set("stopped");
          publish(StatusEvent.host("stopped", null));
          return vertx.close();
        })
        .onComplete(r -> finish(null));
  }

  private synchronized void finish(String problem) {
    if (stopped.getCount() == 0) {
      return;
    }
    if (problem != null) {
      LOG.warn("Stopping anyway: {}", problem);
    }
    PidFile.remove(launch.stateDir(), pid);
    launch.lock().release();
    LOG.info("taskhost stopped (PID {})", pid);
    stopped.countDown();
  }

  private void publish(StatusEvent event) {
    vertx.eventBus().publish(StatusAddresses.STATUS, event.toJson());
  }
}
