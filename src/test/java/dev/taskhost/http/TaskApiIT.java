package dev.taskhost.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskhost.testing.TaskhostProcess;
import dev.taskhost.testing.Workspaces;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task and note endpoints of the real jar, against the fixture manifests. */
class TaskApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BARE_LIST_TASK = "721754ef-2904-4cec-b5bb-9188b80599e9";

  @TempDir
  Path home;

  private TaskhostProcess host;

  @AfterEach
  void tearDown() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void tasksMatchWorkspaceManifest() throws Exception {
    Path workspace = Workspaces.copy("workspace", home.resolve("ws"));
    host = TaskhostProcess.create(home, workspace);
    host.startAndAwait();
    JsonNode expected = JSON.readTree(workspace.resolve(".fixture-manifest.json").toFile())
        .path("expected_loader_view");

    JsonNode tasks = JSON.readTree(TaskhostProcess.get(host.managerPort(), "/api/tasks").body());

    assertThat(tasks.path("all_tasks").size()).isEqualTo(expected.path("all_tasks_count").asInt());
    assertThat(tasks.path("all_reminders").size()).isEqualTo(expected.path("reminders_count").asInt());
    assertThat(fieldNames(tasks.path("tasks_by_client")))
        .containsExactlyElementsOf(fieldNames(expected.path("clients")));
    for (Map.Entry<String, JsonNode> client : iterable(expected.path("clients").fields())) {
      JsonNode actual = tasks.path("tasks_by_client").path(client.getKey());
      assertThat(actual.path("active_count").asInt()).as(client.getKey())
          .isEqualTo(client.getValue().path("active_count").asInt());
      assertThat(actual.path("p0_count").asInt()).as(client.getKey())
          .isEqualTo(client.getValue().path("p0_count").asInt());
    }
    JsonNode fromNotesServer = JSON.readTree(TaskhostProcess.get(host.notesPort(), "/api/tasks").body());
    assertThat(fromNotesServer.path("all_tasks").size()).isEqualTo(tasks.path("all_tasks").size());
  }

  @Test
  void tasksEndpointHonoursEtag() throws Exception {
    host = TaskhostProcess.create(home, null);
    host.startAndAwait();

    HttpResponse<String> first = TaskhostProcess.get(host.managerPort(), "/api/tasks");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = RawGet.withHeader(host.managerPort(), "/api/tasks",
        "If-None-Match", etag);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void sampleWorkspaceServedByDefault() throws Exception {
    host = TaskhostProcess.create(home, null);
    host.startAndAwait();

    JsonNode tasks = JSON.readTree(TaskhostProcess.get(host.managerPort(), "/api/tasks").body());
    HttpResponse<String> page = TaskhostProcess.get(host.managerPort(), "/");

    assertThat(tasks.path("all_tasks").size()).isEqualTo(13);
    assertThat(fieldNames(tasks.path("tasks_by_client"))).contains("cafe-lumiere-roasters",
        "roksys-personal");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html");
    assertThat(host.stateDir().resolve("sample-workspace/clients")).isDirectory();
    assertThat(host.log()).contains("bundled sample workspace");
  }

  @Test
  void savedNoteReachesFileAndQueue() throws Exception {
    Path workspace = Workspaces.copy("workspace", home.resolve("ws"));
    host = TaskhostProcess.create(home, workspace);
    host.startAndAwait();
    int countBefore = notesCount();

    HttpResponse<String> saved = TaskhostProcess.postJson(host.notesPort(), "/save-note",
        "{\"task_id\": \"" + BARE_LIST_TASK + "\", \"client\": \"northwind-florists\","
            + " \"task_title\": \"t\", \"priority\": \"P1\", \"due_date\": null,"
            + " \"note_text\": \"Called the supplier \u00e9\"}");

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(saved.body());
    assertThat(reply.path("success").asBoolean()).isTrue();
    assertThat(reply.path("status").asText()).isEqualTo("success");
    String taskFile = Files.readString(workspace.resolve("clients/northwind-florists/tasks.json"));
    assertThat(taskFile).contains("Called the supplier \\u00e9");
    JsonNode queue = JSON.readTree(workspace.resolve("data/state/manual-task-notes.json").toFile());
    JsonNode last = queue.get(queue.size() - 1);
    assertThat(last.path("task_id").asText()).isEqualTo(BARE_LIST_TASK);
    assertThat(last.path("manual_note").asText()).isEqualTo("Called the supplier \u00e9");
    assertThat(notesCount()).isEqualTo(countBefore + 1);
    JsonNode notes = JSON.readTree(TaskhostProcess.get(host.notesPort(), "/api/notes").body());
    assertThat(notes.size()).isEqualTo(countBefore + 1);
    host.await("the task list shows the note", Duration.ofSeconds(3), () ->
        TaskhostProcess.get(host.managerPort(), "/api/tasks").body().contains("Called the supplier"));
  }

  @Test
  void badNotesGetJsonErrors() throws Exception {
    host = TaskhostProcess.create(home, Workspaces.copy("workspace", home.resolve("ws")));
    host.startAndAwait();

    HttpResponse<String> malformed = TaskhostProcess.postJson(host.notesPort(), "/save-note", "{oops");
    HttpResponse<String> unknown = TaskhostProcess.postJson(host.notesPort(), "/save-note",
        "{\"task_id\": \"no-such-task\", \"note_text\": \"x\"}");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("status").asText()).isEqualTo("error");
    assertThat(JSON.readTree(malformed.body()).path("message").asText()).contains("malformed JSON");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("success").asBoolean(true)).isFalse();
    assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("no-such-task");
  }

  @Test
  void healthHasOldShapeAndHostState() throws Exception {
    host = TaskhostProcess.create(home, null);
    host.startAndAwait();

    JsonNode manager = JSON.readTree(TaskhostProcess.get(host.managerPort(), "/health").body());
    JsonNode notes = JSON.readTree(TaskhostProcess.get(host.notesPort(), "/health").body());

    assertThat(manager.path("status").asText()).isEqualTo("healthy");
    assertThat(manager.path("port").asInt()).isEqualTo(host.managerPort());
    assertThat(manager.path("type").asText()).isEqualTo("html_server");
    assertThat(manager.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
    assertThat(manager.path("host").asText()).isEqualTo("running");
    assertThat(notes.path("type").asText()).isEqualTo("api_server");
  }

  private int notesCount() throws Exception {
    return JSON.readTree(TaskhostProcess.get(host.notesPort(), "/notes-count").body())
        .path("count").asInt();
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }

  /** A GET with one extra header, through the JDK client. */
  private static final class RawGet {
    static HttpResponse<String> withHeader(int port, String path, String name, String value)
        throws Exception {
      return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
          .build().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + port + path)).header(name, value).build(),
              HttpResponse.BodyHandlers.ofString());
    }
  }
}
