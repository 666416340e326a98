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

  Path stateDir() {
    return locate().stateDir(System.getenv());
  }
}
