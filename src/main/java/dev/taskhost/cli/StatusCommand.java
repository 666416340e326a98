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
 * {@code status}: requests the running host's snapshot over HTTP, falling back to
 * {@code status.json} when no port responds. The lock decides whether a host runs.
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
    // A live response is the truth, because the file may be an earlier host's or name a
    // tampered PID.
    java.util.Optional<JsonNode> live = SnapshotClient.fetch(recorded);
    JsonNode snapshot = live.orElse(recorded.snapshot());
    if (live.isEmpty() && !describesPid(snapshot, recorded)) {
      return printStarting(out, stateDir, recorded);
    }
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

  // status.json from an earlier host, or none yet: the new host is still starting.
  private static boolean describesPid(JsonNode snapshot, RunningHost recorded) {
    return snapshot != null && recorded.pid().isPresent()
        && snapshot.path("host").path("pid").asLong(-1) == recorded.pid().getAsLong();
  }

  private int printStarting(PrintWriter out, Path stateDir, RunningHost recorded) {
    String process = recorded.pid().isPresent() ? "PID " + recorded.pid().getAsLong()
        : "a process whose PID file is missing or invalid";
    if (json) {
      out.println(JSON.createObjectNode().put("running", true).put("healthy", false)
          .put("starting", true).put("stateDir", stateDir.toString()).toPrettyString());
    } else {
      out.println("taskhost is starting as " + process + " and has not reported its servers yet;"
          + " run status again in a moment.");
    }
    return ExitCodes.FAILURE;
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
          + ". Fix the cause, then start it by hand with '" + CommandHints.of("run",
          config.locate()) + "'.");
      return;
    }
    out.println("taskhost is not running (state folder " + stateDir + "). Start it with '"
        + CommandHints.of("run", config.locate()) + "' or through its launchd agent.");
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
    JsonNode warnings = host.snapshot() == null ? JSON.createArrayNode()
        : host.snapshot().path("workspace").path("warnings");
    if (warnings.size() > 0) {
      out.println("  workspace " + host.snapshot().path("workspace").path("path").asText()
          + ": " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
      for (JsonNode warning : warnings) {
        String file = warning.path("file").asText();
        String message = warning.path("message").asText();
        out.println("    " + (message.contains(file) ? message : file + ": " + message));
      }
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
