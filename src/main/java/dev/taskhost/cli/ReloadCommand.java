package dev.taskhost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskhost.guard.InstanceLock;
import dev.taskhost.guard.RunningHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reload}: SIGHUP to the verified host, then waits for the host's own
 * response (config-applied or config-rejected) in its status snapshot.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
    description = "Make the running host re-read its config now and wait for its response."
        + " Exit status: 0 applied, 1 rejected, 3 not running.")
final class ReloadCommand implements Callable<Integer> {
  private static final long TIMEOUT_MS = 10_000;
  private static final long POLL_MS = 50;

  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path stateDir = config.stateDir();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!InstanceLock.isHeld(stateDir)) {
      out.println("taskhost is not running (state folder " + stateDir + "); nothing to reload.");
      return ExitCodes.NOT_RUNNING;
    }
    HostSignals.Target target = HostSignals.find(stateDir);
    if (target.problem() != null) {
      err.println("taskhost: " + target.problem());
      return ExitCodes.FAILURE;
    }
    Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (!HostSignals.hangUp(target.pid())) {
      err.println("taskhost: could not send SIGHUP to PID " + target.pid());
      return ExitCodes.FAILURE;
    }
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      JsonNode answer = answerSince(stateDir, sent);
      if (answer != null) {
        boolean applied = answer.path("state").asText().equals("config-applied");
        (applied ? out : err).println((applied ? "Config applied: " : "Config rejected: ")
            + answer.path("detail").asText(""));
        return applied ? ExitCodes.OK : ExitCodes.FAILURE;
      }
      Thread.sleep(POLL_MS);
    }
    err.println("taskhost: PID " + target.pid() + " did not respond to the reload within "
        + TIMEOUT_MS / 1_000 + " s; check its log");
    return ExitCodes.FAILURE;
  }

  private static JsonNode answerSince(Path stateDir, Instant sent) {
    JsonNode snapshot = RunningHost.readSnapshot(stateDir.resolve(RunningHost.STATUS_FILE));
    if (snapshot == null) {
      return null;
    }
    for (JsonNode event : snapshot.path("events")) {
      String state = event.path("state").asText();
      boolean answer = "host".equals(event.path("source").asText())
          && (state.equals("config-applied") || state.equals("config-rejected"));
      if (answer && !since(event).isBefore(sent)) {
        return event;
      }
    }
    return null;
  }

  private static Instant since(JsonNode event) {
    try {
      return Instant.parse(event.path("since").asText());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
