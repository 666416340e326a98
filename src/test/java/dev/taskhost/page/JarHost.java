package dev.taskhost.page;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs `java -jar taskhost.jar run -c CONFIG` as a child process with its own
 * state folder and a temporary config, and changes that config to move or
 * disable the task-notes server while it runs.
 */
final class JarHost implements TaskhostUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(JarHost.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path workspace;
    private final Path config;
    private final Path log;
    private final Process process;
    private final int managerPort;
    private int notesPort;
    // HTTP/1.1, because the host rejects an h2c upgrade request with 403: its Host check sees no Host header.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    JarHost(Path jar, Path workspace, Path tempDir, int managerPort, int notesPort) throws Exception {
        this.workspace = workspace;
        this.managerPort = managerPort;
        this.notesPort = notesPort;
        this.config = tempDir.resolve("taskhost.json");
        this.log = tempDir.resolve("taskhost.log");
        writeConfig(notesPort, true);
        Path stateHome = Files.createDirectories(tempDir.resolve("state"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("XDG_STATE_HOME", stateHome.toString());
        this.process = builder.start();
        LOG.info("Started taskhost PID {} with config {}", process.pid(), config);
        awaitHealthy(managerPort);
        awaitHealthy(notesPort);
    }

    private void writeConfig(int notes, boolean notesEnabled) throws IOException {
        JsonObject servers = new JsonObject()
                .put("task-manager", new JsonObject().put("port", managerPort))
                .put("task-notes", new JsonObject().put("enabled", notesEnabled).put("port", notes));
        JsonObject content = new JsonObject().put("workspace", workspace.toString()).put("servers", servers);
        // Write next to the target and rename, so the host's config watcher never reads half a file.
        Path next = config.resolveSibling("taskhost.json.next");
        Files.writeString(next, content.encodePrettily());
        Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("taskhost exited with " + process.exitValue() + " before port " + port
                        + " answered; log:\n" + Files.readString(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // Not listening yet: try again shortly.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Port " + port + " gave no healthy /health within " + START_TIMEOUT
                + "; log:\n" + Files.readString(log));
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
        return workspace;
    }

    @Override
    public void workspaceChanged(String relativeFile) {
        // The host watches the workspace and publishes a tasks event itself.
    }

    @Override
    public void moveNotesServer(int newPort) throws Exception {
        writeConfig(newPort, true);
        awaitHealthy(newPort);
        notesPort = newPort;
    }

    @Override
    public void disableNotesServer() throws Exception {
        writeConfig(notesPort, false);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notesPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException closed) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("task-notes still responds on port " + notesPort + " after it was disabled");
    }

    @Override
    public void close() throws Exception {
        // Process.destroy sends SIGTERM to this child's PID only; the host then shuts down gracefully.
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            LOG.warn("taskhost PID {} did not stop within 15 s of SIGTERM; killing it", process.pid());
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        LOG.info("taskhost PID {} exited with {}", process.pid(), process.exitValue());
    }
}
