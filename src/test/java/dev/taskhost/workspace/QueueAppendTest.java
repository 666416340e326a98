package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueAppendTest {
  @Test
  void appendMatchesFullDump() throws Exception {
    List<Object> list = new ArrayList<>(List.of(entry("first \u00e9", List.of(1, 2.5)), "text"));
    List<Object> items = List.of(entry("line\nbreak \ud83d\ude00", Map.of()), List.of(), 7);

    byte[] appended = PythonJsonWriter.appendToIndentedList(PythonJsonWriter.dumpIndented(list), items);

    list.addAll(items);
    assertThat(new String(appended, StandardCharsets.US_ASCII))
        .isEqualTo(new String(PythonJsonWriter.dumpIndented(list), StandardCharsets.US_ASCII));
  }

  @Test
  void appendToEmptyListDeclines() {
    assertThat(PythonJsonWriter.appendToIndentedList("[]".getBytes(StandardCharsets.US_ASCII),
        List.of(1))).isNull();
  }

  @Test
  void appendToObjectDeclines() {
    byte[] object = PythonJsonWriter.dumpIndented(entry("x", null));

    assertThat(PythonJsonWriter.appendToIndentedList(object, List.of(1))).isNull();
  }

  @Test
  void fixtureQueueAppendMatchesFullDump() throws Exception {
    Path queue = Fixtures.root().resolve("workspace/data/state/manual-task-notes.json");
    byte[] bytes = PythonJsonWriter.dumpIndented(PythonJsonReader.parse(Files.readAllBytes(queue)));
    @SuppressWarnings("unchecked")
    List<Object> list = new ArrayList<>((List<Object>) PythonJsonReader.parse(bytes));
    List<Object> items = List.of(entry("\u00a34.20 \u2192 \u00a34.50", "No due date"));

    byte[] appended = PythonJsonWriter.appendToIndentedList(bytes, items);

    list.addAll(items);
    assertThat(appended).isEqualTo(PythonJsonWriter.dumpIndented(list));
  }

  @Test
  void savedQueueStaysCanonical(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    Path workspace = Fixtures.copyWorkspace("workspace-small", temp.resolve("ws"));
    Path queue = workspace.resolve("data/state/manual-task-notes.json");
    int before = ((List<?>) PythonJsonReader.parse(Files.readAllBytes(queue))).size();
    try (TaskStore store = new TaskStore(workspace, Fixtures.PERSONAL)) {
      store.reload();
      for (int i = 0; i < 20; i++) {
        store.saveNote(new NoteRequest("ea990e94-821d-4606-bb4d-bf2ca294523d", null, null, null,
            null, "note " + i + " \u2603"));
      }
    }

    byte[] bytes = Files.readAllBytes(queue);
    Object parsed = PythonJsonReader.parse(bytes);
    assertThat(((List<?>) parsed)).hasSize(before + 20);
    assertThat(bytes).isEqualTo(PythonJsonWriter.dumpIndented(parsed));
  }

  private static Map<String, Object> entry(String note, Object extra) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("task_id", "t-1");
    entry.put("manual_note", note);
    entry.put("extra", extra);
    return entry;
  }
}
