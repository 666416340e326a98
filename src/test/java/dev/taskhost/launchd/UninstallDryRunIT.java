package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code launchd/uninstall.sh --dry-run} and checks its steps. */
class UninstallDryRunIT {

  @TempDir
  Path home;

  @Test
  void dryRunSucceeds() {
    CommandResult result = LaunchdScripts.uninstall(home, "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void bootoutComesBeforeRemoval() {
    ScriptOutput output = new ScriptOutput(LaunchdScripts.uninstall(home, "--dry-run").stdout());

    int bootout = output.indexOfCommand("^launchctl bootout gui/\\d+/dev\\.taskhost$");
    int remove = output.indexOfCommand("^rm -f .*/Library/LaunchAgents/dev\\.taskhost\\.plist$");
    int removeJar = output.indexOfCommand("^rm -f .*/Application\\\\ Support/taskhost/taskhost\\.jar$");

    assertThat(List.of(bootout, remove, removeJar)).as(output.text()).doesNotContain(-1).isSorted();
    assertThat(output.commands()).as(output.text()).hasSize(3);
  }

  @Test
  void labelOptionNamesAgent() {
    ScriptOutput output = new ScriptOutput(
        LaunchdScripts.uninstall(home, "--dry-run", "--label", "org.example.tasks").stdout());

    assertThat(output.indexOfCommand("^launchctl bootout gui/\\d+/org\\.example\\.tasks$")).isNotNegative();
    assertThat(output.indexOfCommand("^rm -f .*/LaunchAgents/org\\.example\\.tasks\\.plist$")).isNotNegative();
  }

  @Test
  void dryRunRemovesNothing() throws IOException {
    Path plist = Files.createDirectories(home.resolve("Library/LaunchAgents")).resolve("dev.taskhost.plist");
    Files.writeString(plist, "<plist/>");

    LaunchdScripts.uninstall(home, "--dry-run");

    assertThat(plist).exists();
  }

  @Test
  void invalidLabelIsRejected() {
    CommandResult result = LaunchdScripts.uninstall(home, "--dry-run", "--label", "a b");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("invalid label 'a b'");
  }

  @Test
  void helpListsOptions() {
    CommandResult result = LaunchdScripts.uninstall(home, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("--label LABEL", "--dry-run");
  }

  @Test
  void realRunNeedsLaunchctl() throws IOException {
    assumeThat(Path.of("/bin/launchctl")).as("launchctl exists only on macOS").doesNotExist();
    Path plist = Files.createDirectories(home.resolve("Library/LaunchAgents")).resolve("dev.taskhost.plist");
    Files.writeString(plist, "<plist/>");

    CommandResult result = LaunchdScripts.uninstall(home);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("launchctl not found");
    assertThat(plist).exists();
    try (Stream<Path> files = Files.walk(home.resolve("Library"))) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(plist);
    }
  }
}
