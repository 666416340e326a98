package dev.taskhost.notes;

import dev.taskhost.config.ServerConfig;
import dev.taskhost.http.ErrorHandler;
import dev.taskhost.http.HttpError;
import dev.taskhost.http.JsonBody;
import dev.taskhost.http.JsonReplies;
import dev.taskhost.http.ServerContext;
import dev.taskhost.http.ServerVerticle;
import dev.taskhost.status.StatusAddresses;
import dev.taskhost.workspace.NoteException;
import dev.taskhost.workspace.NoteRequest;
import dev.taskhost.workspace.NoteResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task-notes server (the old notes API on port 5002). */
public final class TaskNotesVerticle extends ServerVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(TaskNotesVerticle.class);

  public TaskNotesVerticle(ServerConfig config, ServerContext shared, long maxBackoffMs,
      long shutdownTimeoutMs) {
    super(config, shared, maxBackoffMs, shutdownTimeoutMs);
  }

  @Override
  protected Router createRouter() {
    Router router = guardedRouter("api_server");
    router.post("/save-note").handler(new JsonBody(shared.policy())).handler(JsonBody::decode)
        .handler(this::saveNote);
    router.get("/notes-count").handler(this::countNotes);
    router.get("/api/notes").handler(this::listNotes);
    router.route("/regenerate").handler(this::regenerate);
    ErrorHandler.install(router, name(), shared.policy());
    return router;
  }

  private void saveNote(RoutingContext ctx) {
    NoteRequest request = NoteRequests.parse(ctx.get(JsonBody.KEY));
    vertx.executeBlocking(() -> shared.store().saveNote(request), false)
        .onSuccess(result -> {
          announce(result);
          JsonReplies.ok(ctx, JsonReplies.success(result.message()));
        })
        .onFailure(e -> ctx.fail(e instanceof NoteException note
            ? new HttpError(note.statusCode(), note.getMessage())
            : e));
  }

  private void announce(NoteResult result) {
    LOG.info("Saved a note for task {} in {}", result.taskId(), result.file());
    // taskhost.tasks.changed follows once the store has rebuilt its view.
    vertx.eventBus().publish(StatusAddresses.NOTES_SAVED, new JsonObject()
        .put("task_id", result.taskId()).put("file", result.file())
        .put("count", result.notesCount()));
  }

  private void countNotes(RoutingContext ctx) {
    vertx.executeBlocking(() -> shared.store().notesCount(), false)
        .onSuccess(count -> JsonReplies.ok(ctx, new JsonObject().put("count", count)))
        .onFailure(ctx::fail);
  }

  private void listNotes(RoutingContext ctx) {
    vertx.executeBlocking(() -> shared.store().notesJson(), false)
        .onSuccess(json -> JsonReplies.send(ctx, 200, Buffer.buffer(json)))
        .onFailure(ctx::fail);
  }

  private void regenerate(RoutingContext ctx) {
    vertx.executeBlocking(() -> {
      shared.store().reload();
      return null;
    }, false).onSuccess(v -> {
      LOG.info("Re-read the workspace on request");
      vertx.eventBus().publish(StatusAddresses.TASKS_CHANGED,
          new JsonObject().put("changed", new JsonArray()).put("reason", "regenerate"));
      JsonReplies.ok(ctx, JsonReplies.success("workspace re-read"));
    }).onFailure(e -> ctx.fail(new HttpError(503, "cannot re-read the workspace: "
        + e.getMessage())));
  }
}
