package dev.taskhost.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads tasks out of a parsed tasks file leniently: the file is {@code {"tasks": [...], ...}} or a
 * bare list, items that are not objects are ignored, and other shapes give no tasks and a warning.
 * Nothing here throws on odd data.
 */
final class TaskFiles {
  private TaskFiles() {}

  /** Returns the task objects of {@code file}, adding a warning for each problem found. */
  static List<Map<String, Object>> tasksOf(WorkspaceFile file, List<WorkspaceWarning> warnings) {
    if (file == null || !file.exists()) {
      return List.of();
    }
    if (file.error() != null) {
      warnings.add(
          new WorkspaceWarning(
              file.relativePath(),
              file.relativePath()
                  + " "
                  + file.error()
                  + "; its tasks are not shown and the file is never written"));
      return List.of();
    }
    List<?> items = taskList(file.root());
    if (items == null) {
      warnings.add(
          new WorkspaceWarning(
              file.relativePath(),
              file.relativePath()
                  + " has no \"tasks\" list ("
                  + describe(file.root())
                  + "); it shows no tasks"));
      return List.of();
    }
    List<Map<String, Object>> tasks = new ArrayList<>(items.size());
    int ignored = 0;
    for (Object item : items) {
      if (item instanceof Map<?, ?>) {
        tasks.add(castTask(item));
      } else {
        ignored++;
      }
    }
    if (ignored > 0) {
      warnings.add(
          new WorkspaceWarning(
              file.relativePath(),
              file.relativePath()
                  + " has "
                  + ignored
                  + " task entries that are not JSON objects; they are ignored"));
    }
    return tasks;
  }

  /**
   * Returns the list holding the tasks: the root itself when it is a list, else its "tasks" list,
   * else null.
   */
  static List<?> taskList(Object root) {
    if (root instanceof List<?> list) {
      return list;
    }
    if (root instanceof Map<?, ?> object && object.get("tasks") instanceof List<?> list) {
      return list;
    }
    if (root instanceof Map<?, ?> object && !object.containsKey("tasks")) {
      return object.isEmpty() ? List.of() : null;
    }
    return null;
  }

  /** Returns the first task object in {@code root} with this id, or null. */
  static Map<String, Object> findTask(Object root, String id) {
    List<?> items = taskList(root);
    if (items == null) {
      return null;
    }
    for (Object item : items) {
      if (item instanceof Map<?, ?> task && id.equals(task.get("id"))) {
        return castTask(task);
      }
    }
    return null;
  }

  /** Returns the task's id when it is non-empty text; other ids are treated as missing. */
  static String idOf(Map<String, Object> task) {
    return task.get("id") instanceof String id && !id.isEmpty() ? id : null;
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> object) {
      return object.containsKey("tasks")
          ? "\"tasks\" is " + describe(object.get("tasks"))
          : "an object without \"tasks\"";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value instanceof Number ? "a number" : value.getClass().getSimpleName();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castTask(Object task) {
    return (Map<String, Object>) task;
  }
}
