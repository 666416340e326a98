package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskhost.testing.TaskhostProcess;
import dev.taskhost.testing.Workspaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other programs editing the workspace while the host runs. */
class WorkspaceRefreshIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path home;

  private TaskhostProcess host;

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void externalEditShowsWithinTwoSeconds() throws Exception {
    Path workspace = Workspaces.copy("workspace-small", home.resolve("ws"));
    host = TaskhostProcess.create(home, workspace);
    host.startAndAwait();
    Path file = workspace.resolve("clients/dawn-and-crumb-bakery/tasks.json");

    try (Socket events = openEventStream(host.managerPort())) {
      String edited = Files.readString(file).replaceFirst("\"title\": \"", "\"title\": \"EDITED ");
      Path temp = file.resolveSibling("edit.tmp");
      Files.writeString(temp, edited);
      long written = System.nanoTime();
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

      host.await("the edit shows in /api/tasks", Duration.ofSeconds(2), () ->
          TaskhostProcess.get(host.managerPort(), "/api/tasks").body().contains("EDITED "));
      assertThat((System.nanoTime() - written) / 1_000_000).isLessThan(2_000);
      assertThat(readUntilEvent(events, "tasks")).isTrue();
    }
  }

  @Test
  void brokenFilesNeverStopHostOrChange() throws Exception {
    Path workspace = Workspaces.copy("workspace-small", home.resolve("ws"));
    Path broken = Workspaces.fixtures().resolve("broken");
    try (var files = Files.list(broken)) {
      for (Path fixture : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")
          && !f.getFileName().toString().startsWith("."))::iterator) {
        String client = "broken-" + fixture.getFileName().toString().replace(".json", "");
        Path target = Files.createDirectories(workspace.resolve("clients").resolve(client));
        Files.copy(fixture, target.resolve("tasks.json"));
      }
    }
    SortedMap<String, String> brokenBefore = digestOfBroken(workspace);
    host = TaskhostProcess.create(home, workspace);
    host.startAndAwait();

    JsonNode status = TaskhostProcess.status(host.managerPort());
    String warnings = status.path("workspace").path("warnings").toString();
    for (String unparseable : new String[] {"empty", "whitespace-only", "invalid-json", "truncated",
        "truncated-at-char-boundary", "invalid-utf8", "deeply-nested"}) {
      assertThat(warnings).as(unparseable).contains("broken-" + unparseable);
    }
    var saved = TaskhostProcess.postJson(host.notesPort(), "/save-note",
        "{\"task_id\": \"ea990e94-821d-4606-bb4d-bf2ca294523d\", \"note_text\": \"still fine\"}");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    var regenerated = TaskhostProcess.postJson(host.notesPort(), "/regenerate", "{}");
    assertThat(regenerated.statusCode()).isEqualTo(200);
    assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
    assertThat(JSON.readTree(TaskhostProcess.get(host.managerPort(), "/api/tasks").body())
        .path("all_tasks").size()).isGreaterThan(0);
    assertThat(digestOfBroken(workspace)).isEqualTo(brokenBefore);
  }

  private static SortedMap<String, String> digestOfBroken(Path workspace) throws Exception {
    SortedMap<String, String> all = Workspaces.digest(workspace.resolve("clients"));
    all.keySet().removeIf(name -> !name.startsWith("broken-"));
    return all;
  }

  private static Socket openEventStream(int port) throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    socket.setSoTimeout(5_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /api/events HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static boolean readUntilEvent(Socket socket, String name) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.equals("event: " + name)) {
        return true;
      }
    }
    return false;
  }
}
