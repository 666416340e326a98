package dev.taskhost.cli;

import dev.taskhost.config.ConfigLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option every command takes. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file (default: $TASKHOST_CONFIG, else conf/taskhost.json in the"
          + " working directory, else built-in defaults).")
  Path file;

  ConfigLocation locate() {
    return ConfigLocation.locate(file, System.getenv());
  }

  /** Returns the state folder, and warns when the named config file is missing. */
  Path stateDir() {
    ConfigLocation location = locate();
    Path stateDir = location.stateDir(System.getenv());
    if (!location.builtIn() && !java.nio.file.Files.isRegularFile(location.file())) {
      System.err.println("taskhost: warning: config file " + location.file() + " does not exist;"
          + " looking for the host in " + stateDir);
    }
    return stateDir;
  }
}
