package dev.taskhost.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The table of malformed requests for the notes server, each with its documented status. */
final class MalformedRequests {
  private static final String JSON = "application/json";
  private static final String UNKNOWN = "\"no-such-task-id\"";

  /** One request: what it is, how it is sent and which status it must get. */
  record Case(String name, String method, String path, String contentType, byte[] body,
      int expectedStatus) {
  }

  private final List<Case> cases = new ArrayList<>();

  private MalformedRequests() {
  }

  static List<Case> cases() {
    MalformedRequests table = new MalformedRequests();
    table.badJson();
    table.wrongTypes();
    table.notObjects();
    table.sizes();
    table.encodings();
    table.unknownIds();
    table.methodsAndPaths();
    return table.cases;
  }

  private void badJson() {
    String[] bodies = {"{", "}", "{\"task_id\": }", "{'task_id': 'x', 'note_text': 'y'}",
        "{\"task_id\": \"x\", \"note_text\": \"y\",}", "[", "nul", "{\"a\": 1}{\"b\": 2}",
        "{\"task_id\": \"x\" \"note_text\": \"y\"}", "{\"task_id\": \"x\", \"note_text\": \"open}",
        "   ", "{\"task_id\": NaN, \"note_text\": \"y\"}", "{\"task_id\": undefined}",
        "{\"task_id\": \"x\", \"note_text\": \"y\"} trailing", "\u0000"};
    for (String body : bodies) {
      add("bad JSON " + body.strip(), body, 400);
    }
    cases.add(new Case("empty body", "POST", "/save-note", JSON, new byte[0], 400));
  }

  private void wrongTypes() {
    String[] bodies = {
        "{\"task_id\": 42, \"note_text\": \"y\"}",
        "{\"task_id\": null, \"note_text\": \"y\"}",
        "{\"task_id\": [\"x\"], \"note_text\": \"y\"}",
        "{\"task_id\": {\"id\": \"x\"}, \"note_text\": \"y\"}",
        "{\"task_id\": true, \"note_text\": \"y\"}",
        "{\"task_id\": 1e999, \"note_text\": \"y\"}",
        "{\"task_id\": \"x\", \"note_text\": 5}",
        "{\"task_id\": \"x\", \"note_text\": [\"y\"]}",
        "{\"task_id\": \"x\", \"note_text\": {\"text\": \"y\"}}",
        "{\"task_id\": \"x\", \"note_text\": null}",
        "{\"task_id\": \"x\", \"manual_note\": false}",
        "{\"task_id\": \"x\", \"note_text\": \"y\", \"client\": 7}",
        "{\"task_id\": \"x\", \"note_text\": \"y\", \"client\": [\"../../etc\"]}",
        "{\"task_id\": \"x\", \"note_text\": \"y\", \"task_title\": {}}",
        "{\"task_id\": \"x\", \"note_text\": \"y\", \"priority\": 0}",
        "{\"task_id\": \"x\", \"note_text\": \"y\", \"due_date\": [2024, 1, 1]}",
        "{\"note_text\": \"y\"}",
        "{\"task_id\": \"x\"}",
        "{\"task_id\": \"\", \"note_text\": \"y\"}",
        "{\"task_id\": \"   \", \"note_text\": \"y\"}",
        "{\"task_id\": \"x\", \"note_text\": \"   \"}",
        "{\"task_id\": \"" + "x".repeat(1_000) + "\", \"note_text\": \"y\"}",
        "{}"};
    for (String body : bodies) {
      add("wrong type " + abbreviate(body), body, 400);
    }
  }

  private void notObjects() {
    for (String body : new String[] {"[]", "[{\"task_id\": \"x\", \"note_text\": \"y\"}]",
        "\"task\"", "42", "true", "null", "-0.5"}) {
      add("not an object " + body, body, 400);
    }
  }

  private void sizes() {
    add("note just under the cap", "{\"task_id\": " + UNKNOWN + ", \"note_text\": \""
        + "n".repeat(60_000) + "\"}", 404);
    add("note over the cap", "{\"task_id\": " + UNKNOWN + ", \"note_text\": \""
        + "n".repeat(100_000) + "\"}", 413);
    add("id over the cap", "{\"task_id\": \"" + "i".repeat(100_000) + "\", \"note_text\": \"y\"}", 413);
    add("deep nesting", "{\"task_id\": " + UNKNOWN + ", \"note_text\": \"y\", \"extra\": "
        + "[".repeat(5_000) + "]".repeat(5_000) + "}", 400);
    add("moderate nesting", "{\"task_id\": " + UNKNOWN + ", \"note_text\": \"y\", \"extra\": "
        + "[".repeat(200) + "]".repeat(200) + "}", 404);
  }

  private void encodings() {
    byte[][] bodies = {
        bytes("{\"task_id\": \"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\", \"note_text\": \"y\"}"),
        bytes("{\"task_id\": \"", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\", \"note_text\": \"y\"}"),
        bytes("{\"task_id\": \"x\", \"note_text\": \"", new byte[] {(byte) 0xe2, (byte) 0x82}, "\"}"),
        bytes("{\"task_id\": \"x\", \"note_text\": \"", new byte[] {(byte) 0xed, (byte) 0xa0,
            (byte) 0x80}, "\"}")};
    for (int i = 0; i < bodies.length; i++) {
      cases.add(new Case("invalid UTF-8 #" + i, "POST", "/save-note", JSON, bodies[i], 400));
    }
    add("lone surrogate escape", "{\"task_id\": \"\\ud800\", \"note_text\": \"y\"}", 404);
    add("null character id", "{\"task_id\": \"\\u0000\", \"note_text\": \"y\"}", 404);
  }

  private void unknownIds() {
    String[] ids = {"no-such-task", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "../../etc/passwd",
        "clients/amberleaf-pottery/tasks.json", "%2e%2e%2f", "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1/x}"};
    for (String id : ids) {
      add("unknown id " + id, "{\"task_id\": \"" + id + "\", \"note_text\": \"y\"}", 404);
    }
    for (String client : new String[] {"../../etc", "/etc/passwd", "..\\\\..\\\\windows",
        "clients/../../../", "roksys-personal"}) {
      add("hostile client " + client, "{\"task_id\": " + UNKNOWN + ", \"note_text\": \"y\", "
          + "\"client\": \"" + client + "\"}", 404);
    }
    add("duplicate keys", "{\"task_id\": \"x\", \"task_id\": \"y\", \"note_text\": \"z\"}", 404);
  }

  private void methodsAndPaths() {
    cases.add(new Case("PUT save-note", "PUT", "/save-note", JSON,
        "{}".getBytes(StandardCharsets.UTF_8), 405));
    cases.add(new Case("DELETE notes-count", "DELETE", "/notes-count", null, new byte[0], 405));
    cases.add(new Case("POST tasks", "POST", "/api/tasks", JSON,
        "{}".getBytes(StandardCharsets.UTF_8), 405));
    cases.add(new Case("unknown path", "GET", "/no-such-route", null, new byte[0], 404));
    cases.add(new Case("missing content type", "POST", "/save-note", null,
        "{\"task_id\": \"x\", \"note_text\": \"y\"}".getBytes(StandardCharsets.UTF_8), 415));
    cases.add(new Case("JSON with charset and bad body", "POST", "/save-note",
        "application/json; charset=utf-8", "{".getBytes(StandardCharsets.UTF_8), 400));
  }

  private void add(String name, String body, int status) {
    cases.add(new Case(name, "POST", "/save-note", JSON, body.getBytes(StandardCharsets.UTF_8), status));
  }

  private static byte[] bytes(String head, byte[] middle, String tail) {
    byte[] first = head.getBytes(StandardCharsets.UTF_8);
    byte[] last = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[first.length + middle.length + last.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(middle, 0, all, first.length, middle.length);
    System.arraycopy(last, 0, all, first.length + middle.length, last.length);
    return all;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
