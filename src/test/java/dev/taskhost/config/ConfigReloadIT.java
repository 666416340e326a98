package dev.taskhost.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskhost.testing.CommandResult;
import dev.taskhost.testing.FreePorts;
import dev.taskhost.testing.RawHttp;
import dev.taskhost.testing.TaskhostProcess;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file followed at run time by the real jar. */
class ConfigReloadIT {
  private static final Duration SWITCH = Duration.ofMillis(1_500);

  @TempDir
  Path home;

  private TaskhostProcess host;

  @BeforeEach
  void setUp() throws Exception {
    host = TaskhostProcess.create(home, null);
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void notesPortChangeRebindsWithoutRestart() throws Exception {
    host.startAndAwait();
    int oldPort = host.notesPort();
    int newPort = FreePorts.next();

    long written = System.nanoTime();
    host.writeConfig(null, host.managerPort(), newPort);
    host.await("the new port answers", SWITCH, () -> TaskhostProcess.healthy(newPort));
    long elapsedMs = (System.nanoTime() - written) / 1_000_000;

    assertThat(elapsedMs).isLessThan(SWITCH.toMillis());
    host.await("the old port refuses connections", Duration.ofSeconds(5), () -> refuses(oldPort));
    assertThat(hasEvent(host.managerPort(), "task-notes", "listening", newPort)).isTrue();
    assertThat(statusCode(newPort, "localhost:" + newPort)).isEqualTo(200);
    assertThat(statusCode(newPort, "localhost:" + oldPort)).isEqualTo(403);

    host.writeConfig(null, host.managerPort(), oldPort);
    host.await("the first port answers again", SWITCH, () -> TaskhostProcess.healthy(oldPort));
  }

  @Test
  void busyNewPortKeepsOldListener() throws Exception {
    host.startAndAwait();
    int busyPort = FreePorts.next();
    try (ServerSocket blocker = new ServerSocket()) {
      blocker.bind(new InetSocketAddress("127.0.0.1", busyPort));

      host.writeConfig(null, host.managerPort(), busyPort);
      host.await("the conflict is reported", Duration.ofSeconds(5),
          () -> "port-conflict".equals(serverState("task-notes")));

      JsonNode notes = TaskhostProcess.status(host.managerPort()).path("servers").path("task-notes");
      assertThat(notes.path("detail").asText()).contains("PID " + ProcessHandle.current().pid());
      assertThat(TaskhostProcess.healthy(host.notesPort())).isTrue();
    }
    host.await("the server moves once the port is free", Duration.ofSeconds(10),
        () -> TaskhostProcess.healthy(busyPort));
  }

  @Test
  void invalidFilesAreRejectedAndValidOneApplied() throws Exception {
    host.startAndAwait();
    String valid = Files.readString(host.config());
    String[] invalid = {
        "",
        "{\"servers\": {\"task-notes\": {\"port\": ",
        "{\"unknownKey\": true}",
        "{\"servers\": {\"task-notes\": {\"port\": " + host.managerPort() + "}, "
            + "\"task-manager\": {\"port\": " + host.managerPort() + "}}}",
        "{\"servers\": {\"task-notes\": {\"port\": 70000}}}",
    };
    int rejections = 0;
    for (String content : invalid) {
      host.writeConfigJson(content);
      rejections++;
      int expected = rejections;
      host.await("rejection " + expected + " is published", Duration.ofSeconds(5),
          () -> countHostEvents("config-rejected") == expected);
      Thread.sleep(600);
      assertThat(countHostEvents("config-rejected")).as("one rejection for: " + content)
          .isEqualTo(expected);
      assertThat(TaskhostProcess.healthy(host.notesPort())).isTrue();
      assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
    }
    Files.delete(host.config());
    host.await("the deletion is rejected", Duration.ofSeconds(5),
        () -> countHostEvents("config-rejected") == invalid.length + 1);
    assertThat(host.log()).contains("the file was deleted");

    int newPort = FreePorts.next();
    Path temp = host.home().resolve("taskhost.json.tmp");
    Files.writeString(temp, valid.replace(String.valueOf(host.notesPort()), String.valueOf(newPort)));
    Files.move(temp, host.config(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    host.await("the renamed file is applied", SWITCH.multipliedBy(2),
        () -> TaskhostProcess.healthy(newPort));
  }

  @Test
  void disabledServerIsUndeployedAndBack() throws Exception {
    host.startAndAwait();
    String enabled = Files.readString(host.config());

    host.writeConfigJson(enabled.replace("\"task-notes\": {", "\"task-notes\": {\"enabled\": false, "));
    host.await("task-notes is disabled", Duration.ofSeconds(5),
        () -> "disabled".equals(serverState("task-notes")));
    assertThat(refuses(host.notesPort())).isTrue();
    CommandResult status = host.command("status");
    assertThat(status.exitCode()).as(status.output()).isZero();

    host.writeConfigJson(enabled);
    host.await("task-notes is back", Duration.ofSeconds(5),
        () -> TaskhostProcess.healthy(host.notesPort()));
  }

  @Test
  void startsWhileManagerPortTaken() throws Exception {
    Process running;
    try (ServerSocket blocker = new ServerSocket()) {
      blocker.bind(new InetSocketAddress("127.0.0.1", host.managerPort()));
      running = host.start();
      host.await("task-notes serves", Duration.ofSeconds(30),
          () -> TaskhostProcess.healthy(host.notesPort()));
      host.await("the conflict is reported", Duration.ofSeconds(5),
          () -> "port-conflict".equals(serverStateFrom(host.notesPort(), "task-manager")));
      CommandResult status = host.command("status");
      assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
      assertThat(status.stdout()).contains("port-conflict");
      Thread.sleep(2_500);
    }
    host.await("task-manager listens after the port is freed", Duration.ofSeconds(5),
        () -> TaskhostProcess.healthy(host.managerPort()));
    assertThat(running.isAlive()).isTrue();
    long conflictLines = host.log().lines()
        .filter(line -> line.contains("task-manager port-conflict on")).count();
    assertThat(conflictLines).isEqualTo(1);
    assertThat(host.log()).doesNotContain("still cannot listen");
  }

  @Test
  void invalidConfigAtStartWaitsForFix() throws Exception {
    String valid = Files.readString(host.config());
    host.writeConfigJson("{\"servers\": {\"task-notes\": {\"port\": 70000}}}");

    Process running = host.start();
    host.await("the host reports the invalid config", Duration.ofSeconds(30),
        () -> host.log().contains("servers.task-notes.port"));
    CommandResult status = host.command("status");
    assertThat(running.isAlive()).isTrue();
    assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
    assertThat(TaskhostProcess.healthy(host.managerPort())).isFalse();
    CommandResult duplicate = host.command("run");
    assertThat(duplicate.exitCode()).isZero();
    assertThat(duplicate.stdout()).contains("already running");

    host.writeConfigJson(valid);
    host.awaitHealthy(Duration.ofSeconds(10));
  }

  @Test
  void reloadReportsAppliedAndRejected() throws Exception {
    host.startAndAwait();

    CommandResult applied = host.command("reload");
    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.stdout()).contains("Config applied");

    host.writeConfigJson("{\"servers\": {\"task-notes\": {\"port\": 70000}}}");
    CommandResult rejected = host.command("reload");
    assertThat(rejected.exitCode()).as(rejected.output()).isEqualTo(1);
    assertThat(rejected.stderr()).contains("servers.task-notes.port").contains("out of range");
    assertThat(TaskhostProcess.healthy(host.notesPort())).isTrue();
  }

  @Test
  void checkTellsPortOwnersApart() throws Exception {
    CommandResult free = host.command("check");
    assertThat(free.exitCode()).as(free.output()).isZero();
    assertThat(free.stdout()).contains("127.0.0.1:" + host.notesPort() + " is free");

    host.startAndAwait();
    CommandResult ours = host.command("check");
    // The sample workspace, checked once copied, repeats one task id on purpose: a warning.
    assertThat(ours.exitCode()).as(ours.output()).isEqualTo(2);
    assertThat(ours.stdout()).doesNotContain("ERROR");
    assertThat(ours.stdout()).contains("held by the running taskhost");

    host.command("stop");
    try (ServerSocket blocker = new ServerSocket()) {
      blocker.bind(new InetSocketAddress("127.0.0.1", host.notesPort()));
      CommandResult other = host.command("check", "--json");
      assertThat(other.exitCode()).as(other.output()).isEqualTo(1);
      assertThat(other.stdout()).contains("held by another program")
          .contains("PID " + ProcessHandle.current().pid());
    }
  }

  @Test
  void checkWarnsAboutBrokenTaskFile() throws Exception {
    Path workspace = Files.createDirectories(home.resolve("ws").resolve("clients").resolve("acme"));
    Files.writeString(workspace.resolve("tasks.json"), "{\"tasks\": [");
    host.writeConfig(home.resolve("ws"), host.managerPort(), host.notesPort());

    CommandResult check = host.command("check");
    CommandResult json = host.command("check", "--json");

    assertThat(check.exitCode()).as(check.output()).isEqualTo(2);
    assertThat(check.stdout()).contains("acme");
    assertThat(json.exitCode()).isEqualTo(2);
    JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
    assertThat(parsed.path("warnings").asInt()).isEqualTo(1);
  }

  @Test
  void statusListsWorkspaceWarnings() throws Exception {
    Path workspace = Files.createDirectories(home.resolve("ws").resolve("clients").resolve("acme"));
    Files.writeString(workspace.resolve("tasks.json"), "{\"tasks\": [");
    host.writeConfig(home.resolve("ws"), host.managerPort(), host.notesPort());
    host.startAndAwait();

    CommandResult status = host.command("status");

    assertThat(status.stdout()).contains("1 warning").contains("clients/acme/tasks.json");
  }

  @Test
  void fiveFatalFailuresPark() throws Exception {
    Files.writeString(home.resolve("state"), "a file where the state folder should be");
    host.putEnvironment("TASKHOST_SUPERVISOR", "test");
    for (int i = 0; i < 5; i++) {
      Process failing = host.start();
      failing.waitFor();
      assertThat(failing.exitValue()).isEqualTo(1);
    }

    Process parked = host.start();
    parked.waitFor();

    assertThat(parked.exitValue()).isZero();
    assertThat(host.log()).contains("parked");
    CommandResult status = host.command("status");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.stdout()).contains("parked");

    host.putEnvironment("TASKHOST_SUPERVISOR", "");
    Process byHand = host.start();
    byHand.waitFor();
    assertThat(byHand.exitValue()).as("a start by hand tries again").isEqualTo(1);
    assertThat(host.command("status").stdout()).doesNotContain("parked");
  }

  private String serverState(String name) throws Exception {
    return serverStateFrom(host.managerPort(), name);
  }

  private static String serverStateFrom(int port, String name) throws Exception {
    return TaskhostProcess.status(port).path("servers").path(name).path("state").asText();
  }

  private long countHostEvents(String state) throws Exception {
    JsonNode events = TaskhostProcess.status(host.managerPort()).path("events");
    return StreamSupport.stream(events.spliterator(), false)
        .filter(e -> e.path("source").asText().equals("host") && e.path("state").asText().equals(state))
        .count();
  }

  private static boolean hasEvent(int port, String source, String state, int eventPort) throws Exception {
    JsonNode events = TaskhostProcess.status(port).path("events");
    return StreamSupport.stream(events.spliterator(), false)
        .anyMatch(e -> e.path("source").asText().equals(source)
            && e.path("state").asText().equals(state) && e.path("port").asInt() == eventPort);
  }

  private static boolean refuses(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static int statusCode(int port, String hostHeader) throws Exception {
    return RawHttp.get(port, "/health", hostHeader).status();
  }
}
