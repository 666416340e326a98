package dev.taskhost.launchd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code launchd/install.sh --dry-run} and checks the plist it would write
 * and the order of its steps. A dry run needs neither macOS nor launchctl.
 */
class InstallDryRunIT {

  /** The host's default shutdownTimeoutMs, in seconds. */
  private static final long HOST_SHUTDOWN_TIMEOUT_SECONDS = 5;
  private static final String OLD_MANAGER = "com.example.task-manager";
  private static final String OLD_NOTES = "com.example.task-notes";

  @TempDir
  Path temp;

  private Path home;
  private Path jar;
  private Path config;

  @BeforeEach
  void createFiles() throws IOException {
    home = Files.createDirectories(temp.resolve("home"));
    // Spaces and XML special characters show that install.sh escapes paths.
    Path install = Files.createDirectories(temp.resolve("Task & Host <apps>"));
    jar = Files.writeString(install.resolve("taskhost.jar"), "not a real jar");
    config = Files.writeString(Files.createDirectories(install.resolve("conf")).resolve("taskhost.json"), "{}");
  }

  private CommandResult dryRun(String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of(
        "--dry-run", "--jar", jar.toString(), "--config", config.toString()));
    arguments.addAll(List.of(extraArguments));
    return LaunchdScripts.install(home, arguments.toArray(String[]::new));
  }

  private Map<String, Object> dryRunPlist(String... extraArguments) {
    CommandResult result = dryRun(extraArguments);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return PropertyList.parseDict(new ScriptOutput(result.stdout()).plist());
  }

  @SuppressWarnings("unchecked")
  private static List<String> programArguments(Map<String, Object> plist) {
    return (List<String>) plist.get("ProgramArguments");
  }

  @Test
  void dryRunSucceedsWithoutWarnings() {
    CommandResult result = dryRun("--replace", OLD_MANAGER);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void programRunsJarWithConfig() throws IOException {
    List<String> arguments = programArguments(dryRunPlist());

    assertThat(arguments.get(0)).isEqualTo(LaunchdScripts.JAVA_HOME.resolve("bin/java").toString());
    int jarOption = arguments.indexOf("-jar");
    assertThat(jarOption).isPositive();
    assertThat(arguments.get(jarOption + 1))
        .isEqualTo(home.resolve("Library/Application Support/taskhost/taskhost.jar").toString());
    assertThat(arguments.subList(jarOption + 2, arguments.size()))
        .containsExactly("run", "-c", config.toRealPath().toString());
  }

  @Test
  void jarInPlaceRunsGivenJar() throws IOException {
    List<String> arguments = programArguments(dryRunPlist("--jar-in-place"));

    assertThat(arguments.get(arguments.indexOf("-jar") + 1)).isEqualTo(jar.toRealPath().toString());
  }

  @Test
  void jarCopiedAfterOldHostStops() {
    ScriptOutput output = new ScriptOutput(dryRun().stdout());

    int stop = output.indexOfCommand(".* -jar .* stop -c .*");
    int copy = output.indexOfCommand("^cp .*taskhost\\.jar .*/Application\\\\ Support/taskhost/taskhost\\.jar\\.new$");
    int move = output.indexOfCommand("^mv -f .*taskhost\\.jar\\.new .*/Application\\\\ Support/taskhost/taskhost\\.jar$");
    int bootstrap = output.indexOfCommand("^launchctl bootstrap .*");

    assertThat(List.of(stop, copy, move, bootstrap)).as(output.text()).doesNotContain(-1).isSorted();
    assertThat(home.resolve("Library/Application Support/taskhost/taskhost.jar")).doesNotExist();
  }

  @Test
  void programUsesSmallHeapFlags() {
    List<String> arguments = programArguments(dryRunPlist());
    List<String> jvmOptions = arguments.subList(1, arguments.indexOf("-jar"));

    assertThat(jvmOptions).contains("-Xms16m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:MaxMetaspaceSize=64m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m",
        "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
  }

  @Test
  void runsAtLoad() {
    assertThat(dryRunPlist().get("RunAtLoad")).isEqualTo(true);
  }

  @Test
  void keepAliveOnlyAfterFailure() {
    Map<String, Object> plist = dryRunPlist();

    assertThat(plist.get("KeepAlive")).isEqualTo(Map.of("SuccessfulExit", false));
    assertThat(plist).doesNotContainKey("Crashed");
  }

  @Test
  void throttleIntervalIsExplicit() {
    assertThat(dryRunPlist().get("ThrottleInterval")).isEqualTo(10L);
  }

  @Test
  void exitTimeoutExceedsShutdownTimeout() {
    assertThat((Long) dryRunPlist().get("ExitTimeOut")).isGreaterThan(HOST_SHUTDOWN_TIMEOUT_SECONDS);
  }

  @Test
  void exitTimeoutFollowsConfiguredShutdownTimeout() throws IOException {
    Files.writeString(config, "{\n  \"shutdownTimeoutMs\": 45500,\n  \"servers\": {}\n}\n");

    // 45.5 s rounded up, plus the 15 s margin.
    assertThat(dryRunPlist().get("ExitTimeOut")).isEqualTo(61L);
  }

  @Test
  void environmentMarksSupervisor() {
    assertThat(dryRunPlist().get("EnvironmentVariables")).isEqualTo(Map.of("TASKHOST_SUPERVISOR", "launchd"));
  }

  @Test
  void logsGoToLibraryLogs() {
    Map<String, Object> plist = dryRunPlist();
    Path logs = home.resolve("Library/Logs/taskhost");

    assertThat(plist.get("StandardOutPath")).isEqualTo(logs.resolve("dev.taskhost.out.log").toString());
    assertThat(plist.get("StandardErrorPath")).isEqualTo(logs.resolve("dev.taskhost.err.log").toString());
  }

  @Test
  void workingDirectoryIsConfigFolder() throws IOException {
    assertThat(dryRunPlist().get("WorkingDirectory")).isEqualTo(config.getParent().toRealPath().toString());
  }

  @Test
  void configDefaultsToRepositoryConfig() throws IOException {
    CommandResult result = LaunchdScripts.install(home, "--dry-run", "--jar", jar.toString());
    Map<String, Object> plist = PropertyList.parseDict(new ScriptOutput(result.stdout()).plist());
    Path repositoryConfig = LaunchdScripts.REPOSITORY.resolve("conf/taskhost.json").toRealPath();

    assertThat(programArguments(plist)).endsWith("run", "-c", repositoryConfig.toString());
    assertThat(plist.get("ExitTimeOut")).isEqualTo(20L);
  }

  @Test
  void labelDefaultsToDevTaskhost() {
    assertThat(dryRunPlist().get("Label")).isEqualTo("dev.taskhost");
  }

  @Test
  void labelOptionNamesPlistAndLogs() {
    CommandResult result = dryRun("--label", "org.example.tasks");
    Map<String, Object> plist = PropertyList.parseDict(new ScriptOutput(result.stdout()).plist());

    assertThat(plist.get("Label")).isEqualTo("org.example.tasks");
    assertThat((String) plist.get("StandardOutPath")).endsWith("/org.example.tasks.out.log");
    assertThat(result.stdout()).contains(home.resolve("Library/LaunchAgents/org.example.tasks.plist").toString());
  }

  @Test
  void stepsRunInOrder() {
    ScriptOutput output = new ScriptOutput(dryRun("--replace", OLD_MANAGER, "--replace", OLD_NOTES).stdout());

    int bootoutManager = output.indexOfCommand("^launchctl bootout gui/\\d+/" + OLD_MANAGER + "$");
    int moveManager = output.indexOfCommand("^mv .*/LaunchAgents/" + OLD_MANAGER + "\\.plist ");
    int bootoutNotes = output.indexOfCommand("^launchctl bootout gui/\\d+/" + OLD_NOTES + "$");
    int moveNotes = output.indexOfCommand("^mv .*/LaunchAgents/" + OLD_NOTES + "\\.plist ");
    int createLogs = output.indexOfCommand("^mkdir -p .*/Library/Logs/taskhost$");
    int lint = output.indexOfCommand("^plutil -lint .*/Library/LaunchAgents/dev\\.taskhost\\.plist$");
    int bootoutSelf = output.indexOfCommand("^launchctl bootout gui/\\d+/dev\\.taskhost$");
    int bootstrap = output.indexOfCommand("^launchctl bootstrap gui/\\d+ .*/Library/LaunchAgents/dev\\.taskhost\\.plist$");
    int kickstart = output.indexOfCommand("^launchctl kickstart -k gui/\\d+/dev\\.taskhost$");

    assertThat(List.of(bootoutManager, moveManager, bootoutNotes, moveNotes, createLogs, lint, bootoutSelf,
        bootstrap, kickstart)).as(output.text()).doesNotContain(-1).isSorted();
  }

  @Test
  void plistIsWrittenBeforeLint() {
    ScriptOutput output = new ScriptOutput(dryRun().stdout());
    String text = output.text();

    int write = text.indexOf("Write the agent's plist to " + home.resolve("Library/LaunchAgents/dev.taskhost.plist"));
    int plist = text.indexOf("<?xml");
    int lint = text.indexOf("$ plutil -lint");

    assertThat(write).as(text).isNotNegative();
    assertThat(plist).as(text).isGreaterThan(write);
    assertThat(lint).as(text).isGreaterThan(plist);
  }

  @Test
  void stepsAreNumberedInSequence() {
    List<String> steps = new ScriptOutput(dryRun("--replace", OLD_MANAGER).stdout()).steps();

    assertThat(steps).isNotEmpty();
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i)).startsWith((i + 1) + ". ");
    }
  }

  @Test
  void dryRunWritesNothing() throws IOException {
    dryRun("--replace", OLD_MANAGER);

    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.filter(path -> !path.equals(home))).isEmpty();
    }
  }

  @Test
  void missingJarIsNamed() {
    Path missing = temp.resolve("missing/taskhost.jar");

    CommandResult result = LaunchdScripts.install(home, "--dry-run", "--jar", missing.toString(),
        "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("jar not found: " + missing).contains("--jar");
  }

  @Test
  void missingConfigIsNamed() {
    Path missing = temp.resolve("missing.json");

    CommandResult result = LaunchdScripts.install(home, "--dry-run", "--jar", jar.toString(),
        "--config", missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("config file not found: " + missing).contains("--config");
  }

  @Test
  void invalidLabelIsRejected() {
    CommandResult result = dryRun("--label", "../evil");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("invalid label '../evil'");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void replacingOwnLabelIsRejected() {
    CommandResult result = dryRun("--replace", "dev.taskhost");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("--replace dev.taskhost names the agent being installed");
  }

  @Test
  void unknownOptionIsRejected() {
    CommandResult result = dryRun("--kickstart");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("unknown option '--kickstart'").contains("--help");
  }

  @Test
  void optionWithoutValueIsRejected() {
    CommandResult result = LaunchdScripts.install(home, "--dry-run", "--jar");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("option --jar needs a value");
  }

  @Test
  void helpListsOptions() {
    CommandResult result = LaunchdScripts.install(home, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("--jar FILE", "--config FILE", "--label LABEL", "--replace LABEL",
        "--dry-run");
  }

  @Test
  void invalidJavaHomeIsNamed() {
    Map<String, String> environment = LaunchdScripts.environment(home);
    environment.put("JAVA_HOME", temp.resolve("no-jdk").toString());

    CommandResult result = LaunchdScripts.run(LaunchdScripts.INSTALL, environment, home, "--dry-run",
        "--jar", jar.toString(), "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("JAVA_HOME is '" + temp.resolve("no-jdk") + "'");
  }

  @Test
  @DisplayName("java from PATH is the last resort, with a warning")
  void javaFromPathWarns() {
    assumeThat(Path.of("/usr/libexec/java_home")).as("java_home would be used before PATH").doesNotExist();
    Map<String, String> environment = LaunchdScripts.environment(home);
    environment.remove("JAVA_HOME");
    environment.put("PATH", LaunchdScripts.JAVA_HOME.resolve("bin") + ":/usr/bin:/bin");

    CommandResult result = LaunchdScripts.run(LaunchdScripts.INSTALL, environment, home, "--dry-run",
        "--jar", jar.toString(), "--config", config.toString());
    Map<String, Object> plist = PropertyList.parseDict(new ScriptOutput(result.stdout()).plist());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("uses java from PATH as a last resort");
    assertThat(programArguments(plist).get(0)).isEqualTo(LaunchdScripts.JAVA_HOME.resolve("bin/java").toString());
  }

  @Test
  void realRunNeedsLaunchctl() throws IOException {
    assumeThat(Path.of("/bin/launchctl")).as("launchctl exists only on macOS").doesNotExist();

    CommandResult result = LaunchdScripts.install(home, "--jar", jar.toString(), "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("launchctl not found").contains("--dry-run");
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.filter(path -> !path.equals(home))).isEmpty();
    }
  }
}
