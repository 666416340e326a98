package dev.taskhost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskhost.guard.InstanceLock;
import dev.taskhost.guard.RunningHost;
import dev.taskhost.guard.StartFailures;
import dev.taskhost.config.StateDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: asks the running host for its snapshot over HTTP, falling back to
 * {@code status.json} when no port answers. The lock decides whether a host runs.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Report the running host and each server. Exit status: 0 running and every"
        + " enabled server listening, 1 degraded, 3 not running.")
final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  ConfigOption config;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path stateDir = config.stateDir();
    PrintWriter out = spec.commandLine().getOut();
    RunningHost recorded = RunningHost.read(stateDir);
    if (!InstanceLock.isHeld(stateDir)) {
      printNotRunning(out, stateDir, parkedRecord(stateDir, recorded));
      return ExitCodes.NOT_RUNNING;
    }
    JsonNode snapshot = SnapshotClient.fetch(recorded).orElse(recorded.snapshot());
    RunningHost host = new RunningHost(recorded.pid(), snapshot);
    boolean healthy = isHealthy(host);
    if (json) {
      ObjectNode result = JSON.createObjectNode().put("running", true).put("healthy", healthy)
          .put("stateDir", stateDir.toString());
      result.set("snapshot", snapshot);
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    } else {
      printRunning(out, host, healthy);
    }
    return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  // A parked record sits in the fallback folder when the state folder is unusable.
  private static RunningHost parkedRecord(Path stateDir, RunningHost recorded) {
    if ("parked".equals(recorded.hostState())) {
      return recorded;
    }
    StartFailures failures = new StartFailures(stateDir, StateDirs.fallbackFor(System.getenv()));
    JsonNode fallback = RunningHost.readSnapshot(failures.fallbackStatusFile());
    return fallback == null ? recorded : new RunningHost(recorded.pid(), fallback);
  }

  static boolean isHealthy(RunningHost host) {
    if (!"running".equals(host.hostState())) {
      return false;
    }
    return host.servers().stream()
        .allMatch(s -> "listening".equals(s.state()) || "disabled".equals(s.state()));
  }

  private void printNotRunning(PrintWriter out, Path stateDir, RunningHost recorded) {
    boolean parked = "parked".equals(recorded.hostState());
    if (json) {
      ObjectNode result = JSON.createObjectNode().put("running", false).put("healthy", false)
          .put("parked", parked).put("stateDir", stateDir.toString());
      out.println(result.toPrettyString());
      return;
    }
    if (parked) {
      out.println("taskhost is parked after repeated start failures: "
          + recorded.snapshot().path("host").path("detail").asText("see the log")
          + ". Fix the cause, then start it by hand with 'taskhost run'.");
      return;
    }
    out.println("taskhost is not running (state folder " + stateDir + "). Start it with"
        + " 'java -jar target/taskhost.jar run' or through its launchd agent.");
  }

  private static void printRunning(PrintWriter out, RunningHost host, boolean healthy) {
    JsonNode info = host.snapshot() == null ? JSON.createObjectNode() : host.snapshot().path("host");
    out.println("taskhost " + info.path("version").asText("?") + " is " + (healthy ? "running"
        : "running but degraded") + " as PID " + info.path("pid").asText("?") + ", up "
        + Durations.human(info.path("uptimeMs").asLong(0))
        + (info.path("supervisor").isTextual() ? ", under " + info.path("supervisor").asText() : ""));
    out.println("  config: " + info.path("configFile").asText("built-in defaults") + " ("
        + info.path("config").path("state").asText("applied") + ")"
        + detailOf(info.path("config")));
    for (RunningHost.Server server : host.servers()) {
      out.println("  " + server.describe());
    }
    if (host.snapshot() == null) {
      out.println("  no status recorded yet; the host may still be starting");
    }
  }

  private static String detailOf(JsonNode config) {
    return config.path("detail").isTextual() && config.path("state").asText().equals("rejected")
        ? ": " + config.path("detail").asText() : "";
  }
}
