package dev.taskhost.launchd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One taskhost installation for a test: a config with two free ports, its own
 * state folder (through XDG_STATE_HOME), a HOME for the launchd scripts, and
 * helpers that run the real jar's commands against it.
 */
final class HostFixture {

  static final Path JAR = Path.of(System.getProperty("taskhost.jar", "target/taskhost.jar")).toAbsolutePath();
  static final Path JAVA = LaunchdScripts.JAVA_HOME.resolve("bin/java");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  // HTTP/1.1 because the default HTTP/2 upgrade (h2c) sends no Host header, which the host rejects with 403.
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  final Path folder;
  final Path home;
  final Path stateHome;
  final Path cacheHome;
  final Path config;
  final int managerPort;
  final int notesPort;

  private final List<Process> handStarted = new ArrayList<>();

  private HostFixture(Path folder, int managerPort, int notesPort) throws IOException {
    this.folder = folder;
    this.home = Files.createDirectories(folder.resolve("home"));
    this.stateHome = Files.createDirectories(folder.resolve("state"));
    this.cacheHome = Files.createDirectories(folder.resolve("cache"));
    this.managerPort = managerPort;
    this.notesPort = notesPort;
    this.config = Files.writeString(Files.createDirectories(folder.resolve("conf")).resolve("taskhost.json"), """
        {
          "servers": {
            "task-manager": { "enabled": true, "host": "127.0.0.1", "port": %d },
            "task-notes": { "enabled": true, "host": "127.0.0.1", "port": %d }
          }
        }
        """.formatted(managerPort, notesPort));
  }

  static HostFixture create(Path folder) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("jar not found: " + JAR + "; build it with 'mvn -o -DskipTests package'");
    }
    int managerPort = freePort();
    int notesPort = freePort();
    while (notesPort == managerPort) {
      notesPort = freePort();
    }
    return new HostFixture(folder, managerPort, notesPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Returns the taskhost state folder, {@code $XDG_STATE_HOME/taskhost}. */
  Path stateDir() {
    return stateHome.resolve("taskhost");
  }

  /**
   * Returns the folders every child JVM of this fixture gets: HOME, the state
   * folder's parent and the cache folder, where the host counts start failures
   * when the state folder is unusable.
   */
  Map<String, String> folders() {
    return Map.of("HOME", home.toString(), "XDG_STATE_HOME", stateHome.toString(),
        "XDG_CACHE_HOME", cacheHome.toString());
  }

  /** Returns the environment of a command run from a terminal: PATH and {@link #folders()}. */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(folders());
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return environment;
  }

  /** Renders the agent plist with install.sh --dry-run for this fixture's jar and config. */
  AgentJob agentJob() {
    CommandResult result = LaunchdScripts.install(home, "--dry-run", "--jar-in-place",
        "--jar", JAR.toString(), "--config", config.toString());
    if (result.exitCode() != 0) {
      throw new AssertionError("install.sh --dry-run failed: " + result);
    }
    return AgentJob.fromPlist(PropertyList.parseDict(new ScriptOutput(result.stdout()).plist()));
  }

  /** Returns a supervisor for the agent, with a short throttle interval and this fixture's folders. */
  LaunchdSupervisor supervisor(Duration throttleInterval) {
    return supervisor(throttleInterval, Map.of());
  }

  /** Returns a supervisor for the agent, with this fixture's folders and some variables replaced. */
  LaunchdSupervisor supervisor(Duration throttleInterval, Map<String, String> replacedEnvironment) {
    Map<String, String> environment = new HashMap<>(folders());
    environment.putAll(replacedEnvironment);
    return new LaunchdSupervisor(agentJob().withThrottleInterval(throttleInterval), environment);
  }

  /** Runs a taskhost command with {@code -c} this fixture's config. */
  CommandResult cli(String... arguments) {
    return cli(Map.of(), arguments);
  }

  /** Runs a taskhost command with {@code -c} this fixture's config and some environment variables replaced. */
  CommandResult cli(Map<String, String> replacedEnvironment, String... arguments) {
    Map<String, String> environment = environment();
    environment.putAll(replacedEnvironment);
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
    command.addAll(List.of(arguments));
    command.add("-c");
    command.add(config.toString());
    return Commands.run(command, environment, folder, COMMAND_TIMEOUT);
  }

  /** Starts {@code run} in the background, as a person would in a terminal. */
  Process startByHand() throws IOException {
    return startByHand(Map.of());
  }

  /** Starts {@code run} in the background from a terminal whose environment has some variables replaced. */
  Process startByHand(Map<String, String> replacedEnvironment) throws IOException {
    Path log = folder.resolve("hand-started-" + (handStarted.size() + 1) + ".log");
    ProcessBuilder builder = new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "run", "-c",
        config.toString())
        .directory(folder.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment());
    builder.environment().putAll(replacedEnvironment);
    Process process = builder.start();
    handStarted.add(process);
    return process;
  }

  /** Returns the output of {@code status --json}, parsed. */
  JsonNode statusJson() {
    CommandResult result = cli("status", "--json");
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("status --json printed no JSON: " + result, e);
    }
  }

  /** Returns the host PID that {@code status --json} reports as {@code snapshot.host.pid}, if any. */
  Optional<Long> statusPid() {
    JsonNode pid = statusJson().at("/snapshot/host/pid");
    return pid.isIntegralNumber() ? Optional.of(pid.asLong()) : Optional.empty();
  }

  /** Returns the PID in the PID file, if the file exists. */
  Optional<Long> pidFilePid() throws IOException {
    Path pidFile = stateDir().resolve("taskhost.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
  }

  /** Returns whether GET /health on the port returns 200 with a healthy status. */
  boolean healthy(int port) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && JSON.readTree(response.body()).path("status").asText().equals("healthy");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean bothHealthy() {
    return healthy(managerPort) && healthy(notesPort);
  }

  /** Waits until GET /health returns healthy on both ports. */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!bothHealthy()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("ports " + managerPort + " and " + notesPort + " do not both answer /health after "
            + timeout + "; logs in " + folder);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Sends GET /health with {@code Connection: close} on a plain socket, so the
   * server closes first and its end of the connection stays in TIME_WAIT.
   */
  void requestAndClose(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      if (!response.startsWith("HTTP/1.1 200")) {
        throw new AssertionError("GET /health on port " + port + " returned: " + response);
      }
    }
  }

  /** Stops every host this fixture started by hand and any host still holding its lock. */
  void stopAll() {
    cli("stop", "--timeout", "20");
    for (Process process : handStarted) {
      process.destroyForcibly();
    }
  }

  /** Returns the text of every log this fixture's processes wrote, for failure messages. */
  String logs() {
    StringBuilder text = new StringBuilder();
    try (var files = Files.walk(folder)) {
      for (Path log : files.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
        text.append("--- ").append(log).append(" ---\n").append(Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
