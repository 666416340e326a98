package dev.taskhost.notes;

import dev.taskhost.http.HttpError;
import dev.taskhost.workspace.NoteRequest;
import io.vertx.core.json.JsonObject;

/** Validates a {@code POST /save-note} body into a {@link NoteRequest}. */
final class NoteRequests {
  private static final int MAX_ID_LENGTH = 200;

  private NoteRequests() {
  }

  /**
   * Reads {@code {task_id, client, task_title, priority, due_date, note_text}};
   * {@code manual_note} is accepted for {@code note_text}, as the old page sent it.
   */
  static NoteRequest parse(JsonObject body) {
    String taskId = requiredText(body, "task_id");
    if (taskId.length() > MAX_ID_LENGTH) {
      throw new HttpError(400, "task_id is longer than " + MAX_ID_LENGTH + " characters");
    }
    String note = body.containsKey("note_text") && body.getValue("note_text") != null
        ? requiredText(body, "note_text")
        : requiredText(body, "manual_note", "note_text");
    return new NoteRequest(taskId,
        optionalText(body, "client"),
        optionalText(body, "task_title"),
        optionalText(body, "priority"),
        optionalText(body, "due_date"),
        note);
  }

  private static String requiredText(JsonObject body, String field) {
    return requiredText(body, field, field);
  }

  private static String requiredText(JsonObject body, String field, String shownAs) {
    Object value = body.getValue(field);
    if (value == null) {
      throw new HttpError(400, "missing field " + shownAs + "; send it as a non-empty string");
    }
    if (!(value instanceof String text)) {
      throw new HttpError(400, "field " + shownAs + " must be a string, not " + typeName(value));
    }
    if (text.isBlank()) {
      throw new HttpError(400, "field " + shownAs + " is empty; send a non-empty string");
    }
    return text;
  }

  private static String optionalText(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new HttpError(400, "field " + field + " must be a string or null, not " + typeName(value));
  }

  private static String typeName(Object value) {
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "a list";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value.getClass().getSimpleName();
  }
}
