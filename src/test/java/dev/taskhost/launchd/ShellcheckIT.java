package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs shellcheck on the launchd scripts; skipped where shellcheck is not installed. */
class ShellcheckIT {

  @Test
  void scriptsPassShellcheck() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    boolean installed = Stream.of(path.split(":"))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, "shellcheck")));
    assumeThat(installed).as("shellcheck on PATH (Debian: apt-get install shellcheck)").isTrue();

    CommandResult result = Commands.run(
        List.of("shellcheck", "-x", "launchd/install.sh", "launchd/uninstall.sh", "launchd/lib.sh"),
        Map.of("PATH", path), LaunchdScripts.REPOSITORY, Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
