package dev.taskhost.page;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the taskhost JVM in browser tests: one Vert.x instance with a
 * task-manager server (the page from the classpath, `/api/tasks`,
 * `/api/status`, `/api/events`) and a task-notes server, both on the HTTP
 * contract of the real host, over a copy of a fixture workspace.
 */
final class StubHost implements TaskhostUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(StubHost.class);
    private static final String MANAGER = "task-manager";
    private static final String NOTES = "task-notes";
    private static final int MAX_EVENTS = 100;

    private final Vertx vertx = Vertx.vertx();
    private final StubWorkspace workspace;
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> servers = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final Instant startedAt = Instant.now();
    private final int managerPort;
    private HttpServer notesServer;
    private int notesPort;
    private volatile int tasksVersion = 1;

    StubHost(Path workspaceCopy, int managerPort, int notesPort) throws Exception {
        this.workspace = new StubWorkspace(workspaceCopy);
        this.managerPort = managerPort;
        vertx.createHttpServer().requestHandler(managerRouter()).listen(managerPort, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        publish(MANAGER, "listening", managerPort, null);
        startNotes(notesPort);
        LOG.info("Stub host serves the page on port {} and notes on port {}", managerPort, notesPort);
    }

    private Router managerRouter() {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> health(ctx, managerPort, "html_server"));
        router.get("/api/tasks").handler(this::listTasks);
        router.get("/api/status").handler(ctx -> json(ctx, 200, statusSnapshot()));
        router.get("/api/events").handler(this::openEventStream);
        for (String page : List.of("/", "/tasks-overview-priority.html")) {
            router.get(page).handler(ctx -> ctx.reroute("/tasks-manager.html"));
        }
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
        return router;
    }

    private Router notesRouter() {
        Router router = Router.router(vertx);
        router.route().handler(CorsHandler.create()
                .addOrigin("http://127.0.0.1:" + managerPort)
                .addOrigin("http://localhost:" + managerPort)
                .allowedMethod(HttpMethod.GET).allowedMethod(HttpMethod.POST)
                .allowedHeader("Content-Type"));
        router.route().handler(BodyHandler.create().setBodyLimit(65_536));
        router.get("/health").handler(ctx -> health(ctx, notesPort, "api_server"));
        router.post("/save-note").handler(this::saveNote);
        router.get("/notes-count").handler(ctx -> json(ctx, 200, new JsonObject().put("count", workspace.noteCount())));
        router.get("/api/notes").handler(ctx -> json(ctx, 200, workspace.notes()));
        return router;
    }

    private void startNotes(int port) throws Exception {
        publish(NOTES, "starting", port, null);
        notesServer = vertx.createHttpServer().requestHandler(notesRouter()).listen(port, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        notesPort = port;
        publish(NOTES, "listening", port, null);
    }

    private void listTasks(RoutingContext ctx) {
        String etag = "\"tasks-" + tasksVersion + "\"";
        if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).putHeader("ETag", etag).end();
            return;
        }
        ctx.response().putHeader("ETag", etag);
        json(ctx, 200, workspace.tasksBody());
    }

    private void saveNote(RoutingContext ctx) {
        JsonObject request;
        try {
            request = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            error(ctx, 400, "Invalid JSON body: " + e.getMessage());
            return;
        }
        if (request == null || request.getString("task_id") == null || request.getString("note_text") == null) {
            error(ctx, 400, "Missing field: task_id and note_text are required");
            return;
        }
        String changed = workspace.saveNote(request);
        if (changed == null) {
            error(ctx, 404, "Task not found: " + request.getString("task_id"));
            return;
        }
        tasksVersion++;
        json(ctx, 200, new JsonObject().put("success", true).put("status", "success").put("message", "Note saved to " + changed));
        send("tasks", new JsonObject().put("changed", new JsonArray().add(changed)));
        send("notes", new JsonObject().put("task_id", request.getString("task_id")).put("count", workspace.noteCount()));
    }

    private void openEventStream(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n");
        streams.add(response);
        response.closeHandler(ignored -> streams.remove(response));
    }

    private void send(String name, JsonObject data) {
        Buffer frame = Buffer.buffer("event: " + name + "\ndata: " + data.encode() + "\n\n");
        vertx.runOnContext(ignored -> streams.forEach(stream -> stream.write(frame)));
    }

    /** Records a status event, updates the server table and sends it to the pages. */
    void publish(String source, String state, int port, String detail) {
        JsonObject event = new JsonObject().put("source", source).put("state", state).put("host", "127.0.0.1")
                .put("port", port).put("since", Instant.now().toString()).put("detail", detail);
        servers.put(source, event);
        events.add(event);
        while (events.size() > MAX_EVENTS) events.remove(0);
        send("status", event);
    }

    private JsonObject statusSnapshot() {
        JsonObject serverTable = new JsonObject();
        for (String name : List.of(MANAGER, NOTES)) serverTable.put(name, servers.get(name));
        long uptime = Instant.now().toEpochMilli() - startedAt.toEpochMilli();
        return new JsonObject()
                .put("host", new JsonObject().put("pid", ProcessHandle.current().pid()).put("startedAt", startedAt.toString())
                        .put("uptimeMs", uptime).put("configFile", "stub (no config file)").put("version", "stub")
                        .put("state", "running").put("supervisor", "none")
                        .put("config", new JsonObject().put("state", "applied").putNull("detail")))
                .put("servers", serverTable)
                .put("events", new JsonArray(List.copyOf(events)))
                .put("workspace", new JsonObject().put("path", workspace.root().toString()).put("warnings", new JsonArray()));
    }

    private static void health(RoutingContext ctx, int port, String type) {
        json(ctx, 200, new JsonObject().put("status", "healthy").put("port", port).put("type", type)
                .put("timestamp", Instant.now().toString()));
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body instanceof JsonObject ? ((JsonObject) body).encode() : ((JsonArray) body).encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("success", false).put("status", "error").put("message", message));
    }

    @Override
    public String pageUrl() {
        return "http://127.0.0.1:" + managerPort;
    }

    @Override
    public int notesPort() {
        return notesPort;
    }

    @Override
    public Path workspace() {
        return workspace.root();
    }

    @Override
    public void workspaceChanged(String relativeFile) {
        workspace.reload();
        tasksVersion++;
        send("tasks", new JsonObject().put("changed", new JsonArray().add(relativeFile)));
    }

    @Override
    public void moveNotesServer(int newPort) throws Exception {
        publish(NOTES, "rebinding", notesPort, "moving to port " + newPort);
        HttpServer old = notesServer;
        startNotes(newPort);
        old.close().await(10, TimeUnit.SECONDS);
    }

    @Override
    public void disableNotesServer() throws Exception {
        publish(NOTES, "stopping", notesPort, null);
        notesServer.close().await(10, TimeUnit.SECONDS);
        publish(NOTES, "disabled", notesPort, "disabled in the config");
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
