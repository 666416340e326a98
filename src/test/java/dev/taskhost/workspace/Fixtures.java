package dev.taskhost.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Paths to the test fixtures and helpers to copy them into temporary workspaces. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final PersonalTasks PERSONAL =
      new PersonalTasks("roksys/tasks.json", "roksys-personal", "Roksys (Personal/Business)");

  private Fixtures() {}

  static Path root() {
    return Path.of(System.getProperty("taskhost.fixtures", "src/test/resources/fixtures"));
  }

  static Path golden() {
    return Path.of("src/test/resources/golden");
  }

  static Path copyWorkspace(String name, Path target) throws IOException {
    Path source = root().resolve(name);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    }
    return target;
  }

  static JsonNode manifest(String name) throws IOException {
    return MAPPER.readTree(root().resolve(name).resolve(".fixture-manifest.json").toFile());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> viewOf(TaskStore store) throws IOException {
    return MAPPER.readValue(store.view().json(), Map.class);
  }

  /** Returns the task objects of a tasks file in either shape. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tasksIn(Path file) throws Exception {
    Object root = PythonJsonReader.parse(Files.readAllBytes(file));
    return (List<Map<String, Object>>) TaskFiles.taskList(root);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> queueIn(Path workspace) throws Exception {
    return (List<Map<String, Object>>)
        PythonJsonReader.parse(Files.readAllBytes(workspace.resolve(NoteCommitter.NOTES_FILE)));
  }

  static Map<String, Object> task(Path file, String id) throws Exception {
    return tasksIn(file).stream().filter(t -> id.equals(t.get("id"))).findFirst().orElseThrow();
  }
}
