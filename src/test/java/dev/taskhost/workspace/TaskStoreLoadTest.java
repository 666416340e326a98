package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading the fixture workspaces against their manifests' expected_loader_view. */
class TaskStoreLoadTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"workspace", "workspace-small"})
  void viewMatchesManifest(String name) throws Exception {
    JsonNode expected = Fixtures.manifest(name).get("expected_loader_view");
    try (TaskStore store = new TaskStore(Fixtures.root().resolve(name), Fixtures.PERSONAL)) {
      store.reload();
      Map<String, Object> view = Fixtures.viewOf(store);

      Map<String, Map<String, Object>> clients = cast(view.get("tasks_by_client"));
      List<String> order = new ArrayList<>();
      expected.get("clients_in_order").forEach(client -> order.add(client.asText()));
      assertThat(clients.keySet()).containsExactlyElementsOf(order);
      assertThat((List<?>) view.get("all_tasks")).hasSize(expected.get("all_tasks_count").asInt());
      assertThat((List<?>) view.get("all_reminders"))
          .hasSize(expected.get("reminders_count").asInt());

      for (String client : order) {
        JsonNode want = expected.get("clients").get(client);
        Map<String, Object> got = clients.get(client);
        assertThat(got.get("name")).as(client).isEqualTo(client);
        assertThat(got.get("active_count")).as(client).isEqualTo(want.get("active_count").asInt());
        assertThat(got.get("p0_count")).as(client).isEqualTo(want.get("p0_count").asInt());
        assertThat((List<?>) got.get("parent_tasks"))
            .as(client)
            .hasSize(want.get("parent").asInt());
        assertThat((List<?>) got.get("child_tasks")).as(client).hasSize(want.get("child").asInt());
        assertThat((List<?>) got.get("standalone_tasks"))
            .as(client)
            .hasSize(want.get("standalone").asInt());
        assertThat((List<?>) got.get("all_active_tasks"))
            .as(client)
            .hasSize(want.get("active_count").asInt());
        if (want.get("display").isNull()) {
          assertThat(got.get("display")).as(client).isEqualTo(Fixtures.PERSONAL.display());
        } else {
          assertThat(got.get("display")).as(client).isEqualTo(want.get("display").asText());
          assertThat(got.get("last_updated"))
              .as(client)
              .isEqualTo(want.get("last_updated").asText());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"workspace", "workspace-small"})
  void allTasksFollowLoaderOrder(String name) throws Exception {
    JsonNode manifest = Fixtures.manifest(name);
    List<String> order = new ArrayList<>();
    manifest
        .get("expected_loader_view")
        .get("clients_in_order")
        .forEach(client -> order.add(client.asText()));
    try (TaskStore store = new TaskStore(Fixtures.root().resolve(name), Fixtures.PERSONAL)) {
      store.reload();
      List<Map<String, Object>> all = cast(Fixtures.viewOf(store).get("all_tasks"));

      List<Integer> positions =
          all.stream().map(task -> order.indexOf((String) task.get("client_name"))).toList();
      assertThat(positions).isSorted().doesNotContain(-1);
      assertThat(all).allSatisfy(task -> assertThat(task.get("source")).isEqualTo("internal"));
      assertThat(all).allSatisfy(task -> assertThat(task).containsKey("type"));
      List<Object> ids = all.stream().map(task -> task.get("id")).toList();
      assertThat(ids).doesNotHaveDuplicates();
      manifest
          .get("edge_cases")
          .get("skipped_task_ids")
          .forEach(id -> assertThat(ids).doesNotContain(id.asText()));
    }
  }

  @Test
  void duplicateIdShownFromFirstClient() throws Exception {
    JsonNode duplicate = Fixtures.manifest("workspace").get("edge_cases").get("duplicate_id");
    try (TaskStore store = new TaskStore(Fixtures.root().resolve("workspace"), Fixtures.PERSONAL)) {
      store.reload();
      List<Map<String, Object>> all = cast(Fixtures.viewOf(store).get("all_tasks"));

      Map<String, Object> shown =
          all.stream()
              .filter(task -> duplicate.get("id").asText().equals(task.get("id")))
              .findFirst()
              .orElseThrow();
      assertThat(shown.get("client_name"))
          .isEqualTo(duplicate.get("first_in_loader_order").asText());
      assertThat(store.warnings())
          .anySatisfy(
              warning -> {
                assertThat(warning.message()).contains(duplicate.get("id").asText());
                assertThat(warning.file()).isEqualTo("clients/umberfield-yarn-shop/tasks.json");
              });
    }
  }

  @Test
  void remindersSortedByDueDate() throws Exception {
    try (TaskStore store = new TaskStore(Fixtures.root().resolve("workspace"), Fixtures.PERSONAL)) {
      store.reload();
      List<Map<String, Object>> reminders = cast(Fixtures.viewOf(store).get("all_reminders"));

      assertThat(reminders.stream().map(r -> (String) r.get("due_date")).toList()).isSorted();
      assertThat(reminders.get(0).get("due_date")).isEqualTo("2020-02-29");
      assertThat(reminders.get(0)).containsKeys("id", "title", "client", "task_data");
    }
  }

  @Test
  void notesQueueCounted() throws Exception {
    try (TaskStore store = new TaskStore(Fixtures.root().resolve("workspace"), Fixtures.PERSONAL)) {
      store.reload();

      assertThat(store.notesCount()).isEqualTo(5);
      assertThat(Fixtures.MAPPER.readTree(store.notesJson()).size()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "empty.json",
        "whitespace-only.json",
        "invalid-json.json",
        "truncated.json",
        "truncated-at-char-boundary.json",
        "invalid-utf8.json",
        "deeply-nested.json"
      })
  void unparseableFileSkippedWithWarning(String broken) throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path target = workspace.resolve("clients/aaa-broken/tasks.json");
    Files.createDirectories(target.getParent());
    Files.copy(Fixtures.root().resolve("broken").resolve(broken), target);
    byte[] before = Files.readAllBytes(target);
    FileTime modified = Files.getLastModifiedTime(target);

    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String someTask = (String) tasks(Fixtures.viewOf(store).get("all_tasks")).get(0).get("id");
      store.saveNote(new NoteRequest(someTask, null, null, null, null, "after a broken file"));

      Map<String, Object> view = Fixtures.viewOf(store);
      assertThat(clients(view.get("tasks_by_client")).keySet()).doesNotContain("aaa-broken");
      assertThat((List<?>) view.get("all_tasks")).hasSize(13);
      assertThat(store.warnings())
          .anySatisfy(
              warning -> {
                assertThat(warning.file()).isEqualTo("clients/aaa-broken/tasks.json");
                assertThat(warning.message()).contains("clients/aaa-broken/tasks.json");
              });
      assertThat(Files.readAllBytes(target)).isEqualTo(before);
      assertThat(Files.getLastModifiedTime(target)).isEqualTo(modified);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "utf8-bom.json",
        "crlf-line-endings.json",
        "nan-and-infinity.json",
        "duplicate-keys.json",
        "lone-surrogate.json",
        "object-without-tasks.json",
        "tasks-null.json",
        "tasks-not-a-list.json",
        "task-items-not-objects.json",
        "top-level-null.json",
        "top-level-string.json",
        "wrong-field-types.json"
      })
  void oddShapeReadLeniently(String odd) throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path target = workspace.resolve("clients/aaa-odd/tasks.json");
    Files.createDirectories(target.getParent());
    Files.copy(Fixtures.root().resolve("broken").resolve(odd), target);

    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      Map<String, Object> view = Fixtures.viewOf(store);

      assertThat(clients(view.get("tasks_by_client")).keySet())
          .contains("aaa-odd", "cafe-lumiere-roasters");
      assertThat(((List<?>) view.get("all_tasks")).size()).isGreaterThanOrEqualTo(13);
      assertThat(store.warnings())
          .noneSatisfy(warning -> assertThat(warning.message()).contains("is not valid JSON"));
    }
  }

  @Test
  void bomAndCrlfFilesShowTheirTasks() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    for (String name : List.of("utf8-bom", "crlf-line-endings")) {
      Path target = workspace.resolve("clients/" + name + "/tasks.json");
      Files.createDirectories(target.getParent());
      Files.copy(Fixtures.root().resolve("broken").resolve(name + ".json"), target);
    }
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      Map<String, Map<String, Object>> clients =
          cast(Fixtures.viewOf(store).get("tasks_by_client"));

      assertThat((Integer) clients.get("utf8-bom").get("active_count")).isPositive();
      assertThat((Integer) clients.get("crlf-line-endings").get("active_count")).isPositive();
    }
  }

  @Test
  void folderNamedLikePersonalClientKeptApart() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path folder = workspace.resolve("clients/roksys-personal");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("tasks.json"),
        "{\"tasks\": [{\"id\": \"folder-task\", \"title\": \"In the folder\"}]}");

    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      Map<String, Map<String, Object>> clients =
          cast(Fixtures.viewOf(store).get("tasks_by_client"));

      assertThat(clients.get("roksys-personal").get("display"))
          .isEqualTo(Fixtures.PERSONAL.display());
      assertThat(clients.get("clients/roksys-personal").get("active_count")).isEqualTo(1);
      assertThat(store.warnings())
          .anySatisfy(warning -> assertThat(warning.file()).isEqualTo("clients/roksys-personal"));
    }
  }

  @Test
  void etagStableUntilFileChanges() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      TasksView first = store.view();

      assertThat(store.refreshIfChanged()).isFalse();
      assertThat(store.view()).isSameAs(first);
      assertThat(first.etag()).matches("\"[0-9a-f]{24}\"");

      Path file = workspace.resolve("clients/cafe-lumiere-roasters/tasks.json");
      Files.writeString(file, "{\"tasks\": [{\"id\": \"only\", \"title\": \"Only task\"}]}");
      assertThat(store.refreshIfChanged()).isTrue();
      assertThat(store.view().etag()).isNotEqualTo(first.etag());
      assertThat(
              clients(Fixtures.viewOf(store).get("tasks_by_client")).get("cafe-lumiere-roasters"))
          .containsEntry("active_count", 1);
    }
  }

  @Test
  void newClientFolderPickedUp() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      Path folder = workspace.resolve("clients/new-client");
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve("tasks.json"),
          "[{\"id\": \"n1\", \"title\": \"New\", \"due_date\": \"2024-01-01\"}]");

      assertThat(store.refreshIfChanged()).isTrue();
      Map<String, Map<String, Object>> clients =
          cast(Fixtures.viewOf(store).get("tasks_by_client"));
      assertThat(clients.get("new-client"))
          .containsEntry("display", "New Client")
          .containsEntry("last_updated", "Unknown");
    }
  }

  @Test
  void missingWorkspaceThrows() {
    try (TaskStore store = new TaskStore(temp.resolve("absent"), Fixtures.PERSONAL)) {
      assertThatThrownBy(store::reload)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("absent");
    }
  }

  @Test
  void viewEmptyBeforeLoad() throws Exception {
    try (TaskStore store = new TaskStore(temp, Fixtures.PERSONAL)) {
      Map<String, Object> view = Fixtures.viewOf(store);

      assertThat((List<?>) view.get("all_tasks")).isEmpty();
      assertThat(store.notesCount()).isZero();
    }
  }

  @Test
  void displayNameTitleCasesSlug() {
    assertThat(WorkspaceScanner.displayName("stitch2last-tailoring"))
        .isEqualTo("Stitch2last Tailoring");
    assertThat(WorkspaceScanner.displayName("cafe_lumiere-ROASTERS"))
        .isEqualTo("Cafe Lumiere Roasters");
  }

  private static Map<String, Map<String, Object>> clients(Object value) {
    return cast(value);
  }

  private static List<Map<String, Object>> tasks(Object value) {
    return cast(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
