package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving notes: exact bytes, concurrency, edits by other programs and corrupt files. */
class TaskStoreNoteTest {
  private static final String BARE_LIST_FILE = "clients/northwind-florists/tasks.json";
  private static final String CAFE_FILE = "clients/cafe-lumiere-roasters/tasks.json";

  @TempDir Path temp;

  @Test
  void noteWrittenAsPythonWrites() throws Exception {
    Path golden = Fixtures.golden().resolve("note");
    Map<?, ?> note =
        Fixtures.MAPPER.readValue(golden.resolve("note-text.json").toFile(), Map.class);
    Path taskFile = temp.resolve("clients/cafe-lumiere/tasks.json");
    Files.createDirectories(taskFile.getParent());
    Files.copy(golden.resolve("tasks-input.json"), taskFile);
    Path queue = temp.resolve(NoteCommitter.NOTES_FILE);
    Files.createDirectories(queue.getParent());
    Files.copy(Fixtures.root().resolve("workspace-small").resolve(NoteCommitter.NOTES_FILE), queue);
    LocalDateTime time = LocalDateTime.parse((String) note.get("timestamp"));
    Clock clock = Clock.fixed(time.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    try (TaskStore store = new TaskStore(temp, null, clock)) {
      store.reload();
      NoteResult result =
          store.saveNote(
              new NoteRequest(
                  "note-target",
                  "cafe-lumiere",
                  "[Caf\u00e9 Lumi\u00e8re] Price list \u2615",
                  "P1",
                  "2024-09-20",
                  (String) note.get("note_text")));

      assertThat(result.file()).isEqualTo("clients/cafe-lumiere/tasks.json");
      assertThat(Files.readString(taskFile, StandardCharsets.US_ASCII))
          .isEqualTo(
              Files.readString(golden.resolve("tasks-expected.json"), StandardCharsets.US_ASCII));
      assertThat(Files.readString(queue, StandardCharsets.US_ASCII))
          .isEqualTo(
              Files.readString(golden.resolve("notes-expected.json"), StandardCharsets.US_ASCII));
      assertThat(result.notesCount()).isEqualTo(store.notesCount());
    }
  }

  @Test
  void concurrentNotesAllSaved() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    int initialQueue = Fixtures.queueIn(workspace).size();
    List<String[]> targets = new ArrayList<>();
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      for (String file :
          List.of(
              CAFE_FILE,
              BARE_LIST_FILE,
              "roksys/tasks.json",
              "clients/dawn-and-crumb-bakery/tasks.json")) {
        for (Map<String, Object> task : Fixtures.tasksIn(workspace.resolve(file)).subList(0, 2)) {
          targets.add(new String[] {file, (String) task.get("id")});
        }
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> invalidReads = new ConcurrentLinkedQueue<>();
      AtomicInteger reads = new AtomicInteger();
      Thread reader = new Thread(() -> pollFiles(workspace, targets, writing, invalidReads, reads));
      reader.start();

      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<NoteResult>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String[] target = targets.get(i % targets.size());
        String text = "concurrent note " + i;
        results.add(
            clients.submit(
                () -> store.saveNote(new NoteRequest(target[1], null, null, null, null, text))));
      }
      for (Future<NoteResult> result : results) {
        result.get(2, TimeUnit.MINUTES);
      }
      clients.shutdown();
      writing.set(false);
      reader.join();

      assertThat(invalidReads).isEmpty();
      assertThat(reads.get()).isPositive();
      assertThat(Fixtures.queueIn(workspace)).hasSize(initialQueue + 400);
      assertThat(store.notesCount()).isEqualTo(initialQueue + 400);
      int found = 0;
      for (int i = 0; i < 400; i++) {
        String[] target = targets.get(i % targets.size());
        String notes = (String) Fixtures.task(workspace.resolve(target[0]), target[1]).get("notes");
        if (notes.contains("concurrent note " + i + "\n")
            || notes.endsWith("concurrent note " + i)) {
          found++;
        }
      }
      assertThat(found).isEqualTo(400);
      assertThat(PythonJsonReader.parse(Files.readAllBytes(workspace.resolve(BARE_LIST_FILE))))
          .isInstanceOf(List.class);
    }
  }

  private static void pollFiles(
      Path workspace,
      List<String[]> targets,
      AtomicBoolean writing,
      ConcurrentLinkedQueue<String> invalidReads,
      AtomicInteger reads) {
    List<Path> files = new ArrayList<>();
    targets.forEach(target -> files.add(workspace.resolve(target[0])));
    files.add(workspace.resolve(NoteCommitter.NOTES_FILE));
    while (writing.get()) {
      for (Path file : files) {
        try {
          PythonJsonReader.parse(Files.readAllBytes(file));
          reads.incrementAndGet();
        } catch (Exception e) {
          invalidReads.add(file + ": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void externalTaskEditSurvives() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path file = workspace.resolve(CAFE_FILE);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id = (String) Fixtures.tasksIn(file).get(0).get("id");
      addTaskLikeAnotherProgram(file, "added-by-other-tool");

      store.saveNote(
          new NoteRequest(id, "cafe-lumiere-roasters", null, null, null, "after the edit"));

      List<Map<String, Object>> tasks = Fixtures.tasksIn(file);
      assertThat(tasks)
          .anySatisfy(task -> assertThat(task.get("id")).isEqualTo("added-by-other-tool"));
      assertThat((String) Fixtures.task(file, id).get("notes")).endsWith("\n\nafter the edit");
    }
  }

  @Test
  void externalQueueEditSurvives() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path queue = workspace.resolve(NoteCommitter.NOTES_FILE);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id = (String) Fixtures.tasksIn(workspace.resolve(CAFE_FILE)).get(0).get("id");
      int before = Fixtures.queueIn(workspace).size();
      List<Object> entries = new ArrayList<>(Fixtures.queueIn(workspace));
      entries.add(Map.of("task_id", "from-other-tool", "manual_note", "other"));
      Files.write(queue, PythonJsonWriter.dumpIndented(entries));

      NoteResult result = store.saveNote(new NoteRequest(id, null, null, null, null, "mine"));

      List<Map<String, Object>> after = Fixtures.queueIn(workspace);
      assertThat(after).hasSize(before + 2);
      assertThat(after.get(before).get("task_id")).isEqualTo("from-other-tool");
      assertThat(after.get(before + 1).get("manual_note")).isEqualTo("mine");
      assertThat(result.notesCount()).isEqualTo(before + 2);
    }
  }

  @Test
  void bareListStaysBareList() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path file = workspace.resolve(BARE_LIST_FILE);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id = (String) Fixtures.tasksIn(file).get(0).get("id");
      Object notesBefore = Fixtures.task(file, id).get("notes");

      store.saveNote(new NoteRequest(id, null, null, null, null, "bare list note"));

      assertThat(PythonJsonReader.parse(Files.readAllBytes(file))).isInstanceOf(List.class);
      String expected =
          notesBefore == null || "".equals(notesBefore)
              ? "bare list note"
              : notesBefore + "\n\nbare list note";
      assertThat(Fixtures.task(file, id).get("notes")).isEqualTo(expected);
    }
  }

  @Test
  void missingNotesBecomeNoteText() throws Exception {
    Path file = temp.resolve("clients/solo/tasks.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "{\"tasks\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"notes\": null}]}");
    try (TaskStore store = new TaskStore(temp, null)) {
      store.reload();

      store.saveNote(new NoteRequest("a", null, null, null, null, "first"));
      store.saveNote(new NoteRequest("b", null, null, null, null, "second"));

      assertThat(Fixtures.task(file, "a").get("notes")).isEqualTo("first");
      assertThat(Fixtures.task(file, "b").get("notes")).isEqualTo("second");
      Map<String, Object> entry = Fixtures.queueIn(temp).get(0);
      assertThat(entry.keySet())
          .containsExactly(
              "task_id",
              "client",
              "task_title",
              "task_type",
              "task_priority",
              "task_notes",
              "manual_note",
              "timestamp");
      assertThat(entry)
          .containsEntry("client", "solo")
          .containsEntry("task_title", "A")
          .containsEntry("task_type", "standalone")
          .containsEntry("task_notes", "No due date");
      assertThat((String) entry.get("timestamp"))
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z");
    }
  }

  @Test
  void unknownTaskIs404() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();

      assertThatThrownBy(
              () ->
                  store.saveNote(
                      new NoteRequest("no-such-task", "../../etc", null, null, null, "x")))
          .isInstanceOfSatisfying(
              NoteException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
  }

  @Test
  void blankNoteIs400() throws Exception {
    try (TaskStore store = new TaskStore(temp, null)) {
      assertThatThrownBy(() -> store.saveNote(new NoteRequest("a", null, null, null, null, "  ")))
          .isInstanceOfSatisfying(
              NoteException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }
  }

  @Test
  void corruptTaskFileIs409AndUnchanged() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path file = workspace.resolve(CAFE_FILE);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id = (String) Fixtures.tasksIn(file).get(0).get("id");
      byte[] corrupt =
          ("{\"tasks\": [{\"id\": \"" + id + "\", \"title\": \"cut off")
              .getBytes(StandardCharsets.UTF_8);
      Files.write(file, corrupt);
      byte[] queueBefore = Files.readAllBytes(workspace.resolve(NoteCommitter.NOTES_FILE));

      assertThatThrownBy(() -> store.saveNote(new NoteRequest(id, null, null, null, null, "lost?")))
          .isInstanceOfSatisfying(
              NoteException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(409);
                assertThat(e.getMessage()).contains(CAFE_FILE);
              });
      assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);
      assertThat(Files.readAllBytes(workspace.resolve(NoteCommitter.NOTES_FILE)))
          .isEqualTo(queueBefore);

      store.refreshIfChanged();
      assertThatThrownBy(() -> store.saveNote(new NoteRequest(id, null, null, null, null, "lost?")))
          .isInstanceOfSatisfying(
              NoteException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(409);
                assertThat(e.getMessage()).contains(CAFE_FILE);
              });
      assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);
    }
  }

  @Test
  void corruptQueueIs409AndUnchanged() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    Path queue = workspace.resolve(NoteCommitter.NOTES_FILE);
    Path file = workspace.resolve(CAFE_FILE);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id = (String) Fixtures.tasksIn(file).get(0).get("id");
      byte[] corrupt = "[{\"task_id\": \"x\",".getBytes(StandardCharsets.US_ASCII);
      Files.write(queue, corrupt);
      byte[] taskFileBefore = Files.readAllBytes(file);

      assertThatThrownBy(
              () -> store.saveNote(new NoteRequest(id, null, null, null, null, "queued?")))
          .isInstanceOfSatisfying(
              NoteException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(409);
                assertThat(e.getMessage()).contains(NoteCommitter.NOTES_FILE);
              });
      assertThat(Files.readAllBytes(queue)).isEqualTo(corrupt);
      assertThat(Files.readAllBytes(file)).isEqualTo(taskFileBefore);
    }
  }

  @Test
  void missingQueueCreated() throws Exception {
    Path file = temp.resolve("clients/solo/tasks.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[{\"id\": \"a\", \"title\": \"A\"}]");
    try (TaskStore store = new TaskStore(temp, null)) {
      store.reload();

      NoteResult result = store.saveNote(new NoteRequest("a", null, null, null, null, "first"));

      assertThat(result.notesCount()).isEqualTo(1);
      assertThat(Fixtures.queueIn(temp)).hasSize(1);
      assertThat(temp.resolve("data/state").toFile().list())
          .containsExactly("manual-task-notes.json");
    }
  }

  @Test
  void closedStoreIs503() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL);
    store.reload();
    String id = (String) Fixtures.tasksIn(workspace.resolve(CAFE_FILE)).get(0).get("id");
    store.close();

    assertThatThrownBy(() -> store.saveNote(new NoteRequest(id, null, null, null, null, "late")))
        .isInstanceOfSatisfying(
            NoteException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void viewShowsNoteAfterRebuild() throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp);
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      String id =
          (String)
              Fixtures.tasksIn(workspace.resolve(CAFE_FILE)).stream()
                  .filter(TasksViewBuilder::isActive)
                  .findFirst()
                  .orElseThrow()
                  .get("id");
      java.util.concurrent.CompletableFuture<TasksView> rebuilt =
          new java.util.concurrent.CompletableFuture<>();
      store.onViewChanged(rebuilt::complete);

      store.saveNote(new NoteRequest(id, null, null, null, null, "visible in the view"));

      TasksView view = rebuilt.get(1, TimeUnit.MINUTES);
      assertThat(new String(view.json(), StandardCharsets.US_ASCII))
          .contains("visible in the view");
      assertThat(store.view().etag()).isEqualTo(view.etag());
    }
  }

  private static void addTaskLikeAnotherProgram(Path file, String id) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> root =
        (Map<String, Object>) PythonJsonReader.parse(Files.readAllBytes(file));
    @SuppressWarnings("unchecked")
    List<Object> tasks = (List<Object>) root.get("tasks");
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("title", "Added elsewhere");
    tasks.add(task);
    Files.write(file, PythonJsonWriter.dumpIndented(root));
  }
}
