package dev.taskhost.launchd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs launchd/install.sh and launchd/uninstall.sh of this checkout with a chosen HOME. */
final class LaunchdScripts {

  static final Path REPOSITORY = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  static final Path INSTALL = REPOSITORY.resolve("launchd/install.sh");
  static final Path UNINSTALL = REPOSITORY.resolve("launchd/uninstall.sh");
  static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private LaunchdScripts() {
  }

  /** Returns the environment the scripts run with: PATH, HOME and JAVA_HOME of this JVM. */
  static Map<String, String> environment(Path home) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", home.toString());
    environment.put("JAVA_HOME", JAVA_HOME.toString());
    return environment;
  }

  static CommandResult install(Path home, String... arguments) {
    return run(INSTALL, environment(home), home, arguments);
  }

  static CommandResult uninstall(Path home, String... arguments) {
    return run(UNINSTALL, environment(home), home, arguments);
  }

  static CommandResult run(Path script, Map<String, String> environment, Path workingDirectory,
      String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(arguments));
    return Commands.run(command, environment, workingDirectory, TIMEOUT);
  }
}
