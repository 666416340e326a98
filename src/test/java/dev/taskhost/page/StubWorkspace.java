package dev.taskhost.page;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test double of the host's task store: reads a fixture workspace with the
 * old loader's rules and builds the `/api/tasks` body in its old shape. Notes
 * are kept in memory, so the fixture files are never written.
 */
final class StubWorkspace {

    static final String PERSONAL_CLIENT = "roksys-personal";
    private static final String PERSONAL_DISPLAY = "Roksys (Personal/Business)";
    private static final Set<String> ACTIVE = Set.of("active", "pending", "in_progress");

    private final Path root;
    /** Every task object as read, per client name, in loader order. */
    private final Map<String, List<JsonObject>> tasksByClient = new LinkedHashMap<>();
    private final Map<String, String> lastUpdated = new LinkedHashMap<>();
    private final Map<String, String> fileOfClient = new LinkedHashMap<>();
    private final List<JsonObject> noteQueue = new ArrayList<>();

    StubWorkspace(Path root) {
        this.root = root;
        reload();
        Path notes = root.resolve("data/state/manual-task-notes.json");
        if (Files.exists(notes)) {
            new JsonArray(read(notes)).forEach(entry -> noteQueue.add((JsonObject) entry));
        }
    }

    /** Re-reads every tasks file, keeping the notes queue. */
    synchronized void reload() {
        tasksByClient.clear();
        lastUpdated.clear();
        fileOfClient.clear();
        try (Stream<Path> entries = Files.list(root.resolve("clients"))) {
            List<Path> folders = entries.sorted().collect(Collectors.toList());
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (!Files.isDirectory(folder) || name.startsWith("_") || name.equals("roksys")) continue;
                Path file = folder.resolve("tasks.json");
                if (!Files.exists(file) && !Files.exists(folder.resolve("tasks-completed.md"))) continue;
                readClient(name, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path personal = root.resolve("roksys/tasks.json");
        if (Files.exists(personal)) readClient(PERSONAL_CLIENT, personal);
    }

    private void readClient(String client, Path file) {
        List<JsonObject> tasks = new ArrayList<>();
        String updated = "Unknown";
        if (Files.exists(file)) {
            Object parsed = Json.decodeValue(Buffer.buffer(read(file)));
            JsonArray list = parsed instanceof JsonArray ? (JsonArray) parsed : ((JsonObject) parsed).getJsonArray("tasks", new JsonArray());
            if (parsed instanceof JsonObject && ((JsonObject) parsed).getValue("last_updated") != null) {
                updated = String.valueOf(((JsonObject) parsed).getValue("last_updated"));
            }
            for (Object item : list) {
                if (item instanceof JsonObject) tasks.add((JsonObject) item);
            }
        }
        if (client.equals(PERSONAL_CLIENT)) updated = LocalDateTime.now().toString();
        tasksByClient.put(client, tasks);
        lastUpdated.put(client, updated);
        fileOfClient.put(client, root.relativize(file).toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isActive(JsonObject task) {
        return ACTIVE.contains(task.getString("status", "pending"));
    }

    static String displayOf(String client) {
        if (client.equals(PERSONAL_CLIENT)) return PERSONAL_DISPLAY;
        return Arrays.stream(client.split("-"))
                .map(word -> word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    private static JsonObject forPage(JsonObject task, String client) {
        JsonObject copy = task.copy();
        copy.put("client_name", client);
        copy.put("client_display", displayOf(client));
        copy.put("source", "internal");
        if (copy.getValue("type") == null) copy.put("type", "standalone");
        return copy;
    }

    /** Builds the `/api/tasks` body. */
    synchronized JsonObject tasksBody() {
        JsonObject byClient = new JsonObject();
        JsonArray allTasks = new JsonArray();
        JsonArray reminders = new JsonArray();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, List<JsonObject>> entry : tasksByClient.entrySet()) {
            String client = entry.getKey();
            JsonArray active = new JsonArray();
            JsonArray parents = new JsonArray();
            JsonArray children = new JsonArray();
            JsonArray standalone = new JsonArray();
            int completed = 0;
            int p0 = 0;
            for (JsonObject task : entry.getValue()) {
                if ("completed".equals(task.getString("status"))) completed++;
                if (!isActive(task)) continue;
                JsonObject shown = forPage(task, client);
                active.add(shown);
                if ("P0".equals(task.getString("priority"))) p0++;
                switch (shown.getString("type")) {
                    case "parent" -> parents.add(shown);
                    case "child" -> children.add(shown);
                    default -> standalone.add(shown);
                }
                String id = task.getString("id");
                if (id == null || !seen.add(id)) continue;
                allTasks.add(shown);
                if (task.getString("due_date") != null) {
                    reminders.add(new JsonObject().put("id", id).put("title", task.getString("title"))
                            .put("due_date", task.getString("due_date")).put("client", client).put("task_data", shown));
                }
            }
            byClient.put(client, new JsonObject()
                    .put("name", client).put("display", displayOf(client))
                    .put("active_count", active.size()).put("completed_count", completed).put("p0_count", p0)
                    .put("parent_tasks", parents).put("child_tasks", children).put("standalone_tasks", standalone)
                    .put("all_active_tasks", active).put("last_updated", lastUpdated.get(client)));
        }
        return new JsonObject().put("tasks_by_client", byClient).put("all_tasks", allTasks)
                .put("all_reminders", reminders).put("timestamp", LocalDateTime.now().toString());
    }

    /**
     * Appends a note to the task and to the queue, as the notes server does.
     * Returns the file that changed, or null when no task has that id.
     */
    synchronized String saveNote(JsonObject request) {
        String id = request.getString("task_id");
        String text = request.getString("note_text", request.getString("manual_note"));
        for (Map.Entry<String, List<JsonObject>> entry : tasksByClient.entrySet()) {
            for (JsonObject task : entry.getValue()) {
                if (!id.equals(task.getString("id"))) continue;
                String notes = task.getString("notes");
                task.put("notes", notes == null || notes.isEmpty() ? text : notes + "\n\n" + text);
                noteQueue.add(new JsonObject().put("task_id", id).put("client", request.getString("client"))
                        .put("task_title", request.getString("task_title")).put("task_type", "standalone")
                        .put("task_priority", request.getString("priority"))
                        .put("task_notes", request.getString("due_date", "No due date"))
                        .put("manual_note", text).put("timestamp", LocalDateTime.now() + "Z"));
                return fileOfClient.get(entry.getKey());
            }
        }
        return null;
    }

    synchronized int noteCount() {
        return noteQueue.size();
    }

    synchronized JsonArray notes() {
        return new JsonArray(new ArrayList<>(noteQueue));
    }

    Path root() {
        return root;
    }
}
