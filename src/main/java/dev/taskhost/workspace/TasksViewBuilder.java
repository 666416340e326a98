package dev.taskhost.workspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@code GET /api/tasks} document in the old loader's shape, the id index used to find a
 * task for a note, and the warnings about shapes and duplicate ids.
 *
 * <p>Loader rules: active means status active, pending or in_progress, and a missing status counts
 * as pending. A client lists all its active tasks. {@code all_tasks} keeps the first active task
 * seen with each id, folders in name order and the personal file last; tasks without an id count in
 * their client only. Reminders are the unique active tasks with a due date. The personal client
 * lists only its unique active tasks and is left out when it has none. A client whose file cannot
 * be parsed is left out and reported.
 */
final class TasksViewBuilder {
  static final Set<String> ACTIVE_STATUSES = Set.of("active", "pending", "in_progress");

  /** The built view with what the store needs next to it. */
  record Built(TasksView view, Map<String, TaskLocation> index, List<WorkspaceWarning> warnings) {}

  private final Map<String, Object> byClient = new LinkedHashMap<>();
  private final List<Object> allTasks = new ArrayList<>();
  private final List<Map<String, Object>> reminders = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, TaskLocation> index = new HashMap<>();
  private final List<WorkspaceWarning> warnings = new ArrayList<>();

  private TasksViewBuilder() {}

  static Built build(WorkspaceScan scan, String now, Instant builtAt) {
    TasksViewBuilder builder = new TasksViewBuilder();
    builder.warnings.addAll(scan.warnings());
    for (ClientSource client : scan.clients()) {
      builder.addClient(client, TaskFiles.tasksOf(client.file(), builder.warnings), now);
    }
    if (scan.personal() != null) {
      builder.addClient(
          scan.personal(), TaskFiles.tasksOf(scan.personal().file(), builder.warnings), now);
    }
    builder.indexAllTasks(scan);

    builder.reminders.sort(Comparator.comparing(TasksViewBuilder::dueDateKey));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("tasks_by_client", builder.byClient);
    document.put("all_tasks", builder.allTasks);
    document.put("all_reminders", builder.reminders);
    document.put("timestamp", now);
    document.put("warnings", warningsJson(builder.warnings));
    byte[] json = PythonJsonWriter.dumpForHttp(document);
    String etag = "\"" + hex(WorkspaceFile.checksum(json), 12) + "\"";
    return new Built(
        new TasksView(json, etag, builtAt),
        Map.copyOf(builder.index),
        List.copyOf(builder.warnings));
  }

  private void addClient(ClientSource client, List<Map<String, Object>> tasks, String now) {
    if (client.file() != null && client.file().error() != null) {
      // A file that cannot be parsed hides its client; tasksOf() has reported why.
      return;
    }
    List<Map<String, Object>> shown = new ArrayList<>();
    int completed = 0;
    for (Map<String, Object> task : tasks) {
      if ("completed".equals(task.get("status"))) {
        completed++;
      }
      if (!isActive(task)) {
        continue;
      }

      String id = TaskFiles.idOf(task);
      boolean first = id != null && seen.add(id);
      Map<String, Object> enriched = enrich(task, client);
      if (first) {
        allTasks.add(enriched);
        index.put(id, new TaskLocation(client.file().relativePath(), client.name(), task));
        if (isTruthy(task.get("due_date"))) {
          reminders.add(reminder(id, enriched, client));
        }
      }
      // The personal client lists only its unique tasks, as the old loader did.
      if (first || !client.personal()) {
        shown.add(enriched);
      }
    }
    if (client.personal() && shown.isEmpty()) {
      return;
    }

    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", client.name());
    entry.put("display", client.display());
    entry.put("active_count", shown.size());
    entry.put("completed_count", completed);
    entry.put("p0_count", shown.stream().filter(t -> "P0".equals(t.get("priority"))).count());
    entry.put("parent_tasks", ofType(shown, "parent"));
    entry.put("child_tasks", ofType(shown, "child"));
    entry.put("standalone_tasks", ofType(shown, "standalone"));
    entry.put("all_active_tasks", shown);
    entry.put("last_updated", client.personal() ? now : lastUpdated(client.file()));
    byClient.put(client.name(), entry);
  }

  /**
   * Indexes every task with an id that is not shown, first in loader order, so a note can still
   * reach a completed task, and reports ids found more than once.
   */
  private void indexAllTasks(WorkspaceScan scan) {
    Map<String, String> firstFile = new HashMap<>();
    List<ClientSource> sources = new ArrayList<>(scan.clients());
    if (scan.personal() != null) {
      sources.add(scan.personal());
    }
    for (ClientSource client : sources) {
      for (Map<String, Object> task : TaskFiles.tasksOf(client.file(), new ArrayList<>())) {
        String id = TaskFiles.idOf(task);
        if (id == null) {
          continue;
        }
        String file = client.file().relativePath();
        index.putIfAbsent(id, new TaskLocation(file, client.name(), task));
        String earlier = firstFile.putIfAbsent(id, file);
        if (earlier != null) {
          warnings.add(
              new WorkspaceWarning(
                  file,
                  "task id "
                      + id
                      + " also appears in "
                      + earlier
                      + "; the page shows one copy, the first active one in loader order"));
        }
      }
    }
  }

  static boolean isActive(Map<String, Object> task) {
    Object status = task.containsKey("status") ? task.get("status") : "pending";
    return status instanceof String text && ACTIVE_STATUSES.contains(text);
  }

  /**
   * Returns a shallow copy with the fields the page expects, so the loaded tree stays unchanged.
   */
  private static Map<String, Object> enrich(Map<String, Object> task, ClientSource client) {
    Map<String, Object> copy = new LinkedHashMap<>(task);
    copy.put("client_name", client.name());
    copy.put("client_display", client.display());
    copy.put("source", "internal");
    copy.putIfAbsent("type", "standalone");
    return copy;
  }

  private static Map<String, Object> reminder(
      String id, Map<String, Object> enriched, ClientSource client) {
    Map<String, Object> reminder = new LinkedHashMap<>();
    reminder.put("id", id);
    reminder.put("title", enriched.get("title"));
    reminder.put("due_date", enriched.get("due_date"));
    reminder.put("client", client.name());
    reminder.put("task_data", enriched);
    return reminder;
  }

  private static List<Map<String, Object>> ofType(List<Map<String, Object>> tasks, String type) {
    return tasks.stream().filter(t -> type.equals(t.get("type"))).toList();
  }

  private static Object lastUpdated(WorkspaceFile file) {
    if (file != null
        && file.root() instanceof Map<?, ?> object
        && object.containsKey("last_updated")) {
      return object.get("last_updated");
    }
    return "Unknown";
  }

  /** Python truthiness for JSON values: null, false, 0, "" and empty containers are false. */
  static boolean isTruthy(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof String text) {
      return !text.isEmpty();
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0 || Double.isNaN(number.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    return !(value instanceof List<?> list) || !list.isEmpty();
  }

  /** Sorts reminders by due date, soonest first; due dates that are not text go last. */
  private static String dueDateKey(Map<String, Object> reminder) {
    return reminder.get("due_date") instanceof String date ? date : "\uffff";
  }

  private static List<Object> warningsJson(List<WorkspaceWarning> warnings) {
    List<Object> list = new ArrayList<>();
    for (WorkspaceWarning warning : warnings) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", warning.file());
      item.put("message", warning.message());
      list.add(item);
    }
    return list;
  }

  static String hex(byte[] bytes, int length) {
    StringBuilder text = new StringBuilder(length * 2);
    for (int i = 0; i < length; i++) {
      text.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(bytes[i] & 0xF, 16));
    }
    return text.toString();
  }
}
