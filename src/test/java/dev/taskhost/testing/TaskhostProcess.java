package dev.taskhost.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code target/taskhost.jar} as a child JVM with its own config, ports and
 * state folder, so tests never touch the user's host or each other.
 */
public final class TaskhostProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private final Path home;
  private final Path config;
  private final int managerPort;
  private final int notesPort;
  private final List<Process> started = new ArrayList<>();
  private final Map<String, String> extraEnvironment = new java.util.HashMap<>();

  private TaskhostProcess(Path home, Path config, int managerPort, int notesPort) {
    this.home = home;
    this.config = config;
    this.managerPort = managerPort;
    this.notesPort = notesPort;
  }

  /** Creates a host setup on free ports, serving {@code workspace} (null: the bundled sample). */
  public static TaskhostProcess create(Path home, Path workspace) throws IOException {
    int manager = FreePorts.next();
    int notes = FreePorts.nextExcept(manager);
    Path config = home.resolve("taskhost.json");
    TaskhostProcess host = new TaskhostProcess(home, config, manager, notes);
    host.writeConfig(workspace, manager, notes);
    return host;
  }

  /** Writes a config with these settings (scanned every 200 ms). */
  public void writeConfig(Path workspace, int manager, int notes) throws IOException {
    String ws = workspace == null ? "null" : "\"" + workspace.toString().replace("\\", "\\\\") + "\"";
    Files.writeString(config, "{\n  \"workspace\": " + ws + ",\n"
        + "  \"servers\": {\n"
        + "    \"task-manager\": {\"port\": " + manager + "},\n"
        + "    \"task-notes\": {\"port\": " + notes + "}\n  },\n"
        + "  \"reload\": {\"scanPeriodMs\": 200},\n"
        + "  \"portConflict\": {\"maxBackoffMs\": 2000}\n}\n");
  }

  /** Replaces the config file with {@code json}, written in place. */
  public void writeConfigJson(String json) throws IOException {
    Files.writeString(config, json);
  }

  /** Extra environment for the next {@link #start} calls, such as TASKHOST_SUPERVISOR. */
  public void putEnvironment(String name, String value) {
    extraEnvironment.put(name, value);
  }

  public static Path jar() {
    return Path.of(System.getProperty("taskhost.jar", "target/taskhost.jar")).toAbsolutePath();
  }

  public Path config() {
    return config;
  }

  public Path home() {
    return home;
  }

  public int managerPort() {
    return managerPort;
  }

  public int notesPort() {
    return notesPort;
  }

  /** Returns the host's state folder, under this setup's XDG_STATE_HOME. */
  public Path stateDir() {
    return home.resolve("state").resolve("taskhost");
  }

  /** Starts {@code taskhost run -c <config>} plus {@code extraArgs}; output goes to a log file. */
  public Process start(String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx128m", "-jar",
        jar().toString(), "run", "-c", config.toString()));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("host.log").toFile()));
    environment(builder.environment());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Starts the host and waits until both ports respond to /health. */
  public Process startAndAwait() throws Exception {
    Process process = start();
    awaitHealthy(Duration.ofSeconds(30));
    return process;
  }

  /** Runs a CLI command to completion with this setup's config. */
  public CommandResult command(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-c", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    environment(builder.environment());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("taskhost " + String.join(" ", args) + " did not finish");
    }
    return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private void environment(Map<String, String> env) {
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.remove("TASKHOST_CONFIG");
    env.remove("TASKHOST_SUPERVISOR");
    env.putAll(extraEnvironment);
  }

  /** Waits until both servers respond to /health with 200. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (healthy(managerPort) && healthy(notesPort)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the host did not respond to /health on " + managerPort + " and "
        + notesPort + " within " + timeout + "; log:\n" + log());
  }

  /** Returns whether {@code port} responds to /health with 200. */
  public static boolean healthy(int port) {
    try {
      return get(port, "/health").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The live status snapshot from {@code port}. */
  public static com.fasterxml.jackson.databind.JsonNode status(int port) throws IOException,
      InterruptedException {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(port, "/api/status").body());
  }

  /** Waits until {@code condition} holds, polling every 50 ms; fails with {@code what}. */
  public void await(String description, java.time.Duration timeout, Check condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out after " + timeout + " waiting until " + description + "; log:\n"
        + log());
  }

  /** A condition polled by {@link #await}. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** GET on 127.0.0.1. */
  public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** POST of a JSON body on 127.0.0.1. */
  public static HttpResponse<String> postJson(int port, String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Returns the host's log so far. */
  public String log() {
    try {
      Path log = home.resolve("host.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Kills every process this setup started, by PID. */
  @Override
  public void close() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
