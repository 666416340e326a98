package dev.taskhost.launchd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts of a launchd agent plist that {@link LaunchdSupervisor} follows.
 *
 * @param throttleInterval minimum time between two starts (launchd's ThrottleInterval)
 * @param exitTimeout time between SIGTERM and SIGKILL when the job is stopped (ExitTimeOut)
 */
record AgentJob(
    String label,
    List<String> programArguments,
    Map<String, String> environmentVariables,
    Path workingDirectory,
    Path standardOutPath,
    Path standardErrorPath,
    boolean runAtLoad,
    Duration throttleInterval,
    Duration exitTimeout) {

  /**
   * Reads a job from a parsed plist. Rejects any KeepAlive other than
   * {@code {SuccessfulExit: false}}, the only policy the supervisor implements.
   */
  @SuppressWarnings("unchecked")
  static AgentJob fromPlist(Map<String, Object> plist) {
    Object keepAlive = plist.get("KeepAlive");
    if (!Map.of("SuccessfulExit", false).equals(keepAlive)) {
      throw new IllegalArgumentException("KeepAlive is " + keepAlive + ", expected {SuccessfulExit=false}");
    }
    return new AgentJob(
        (String) plist.get("Label"),
        List.copyOf((List<String>) plist.get("ProgramArguments")),
        Map.copyOf((Map<String, String>) plist.getOrDefault("EnvironmentVariables", Map.of())),
        Path.of((String) plist.get("WorkingDirectory")),
        Path.of((String) plist.get("StandardOutPath")),
        Path.of((String) plist.get("StandardErrorPath")),
        Boolean.TRUE.equals(plist.get("RunAtLoad")),
        Duration.ofSeconds((Long) plist.get("ThrottleInterval")),
        Duration.ofSeconds((Long) plist.get("ExitTimeOut")));
  }

  /** Returns a copy with another throttle interval, so tests need not wait 10 s per restart. */
  AgentJob withThrottleInterval(Duration interval) {
    return new AgentJob(label, programArguments, environmentVariables, workingDirectory, standardOutPath,
        standardErrorPath, runAtLoad, interval, exitTimeout);
  }
}
