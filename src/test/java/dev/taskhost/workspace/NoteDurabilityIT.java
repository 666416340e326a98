package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.taskhost.testing.TaskhostProcess;
import dev.taskhost.testing.Workspaces;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of saving notes never loses an acknowledged note or corrupts a file. */
class NoteDurabilityIT {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final int ROUNDS = 20;
  private static final int WRITERS = 4;
  private static final String[] TASKS = {
      "721754ef-2904-4cec-b5bb-9188b80599e9",
      "8b358f2c-0206-499c-a5fd-2a6231e12de1",
      "5ba50e82-ef0c-467c-859d-f720cf8f5af2"};

  @TempDir
  Path home;

  private TaskhostProcess host;

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void killNineDuringSavesLosesNothing() throws Exception {
    Path workspace = Workspaces.copy("workspace", home.resolve("ws"));
    host = TaskhostProcess.create(home, workspace);
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Random random = new Random(7);

    for (int round = 0; round < ROUNDS; round++) {
      Process running = host.startAndAwait();
      assertNoTempFiles(workspace);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = startWriters(round, acknowledged, stop);
      Thread.sleep(150 + random.nextInt(400));
      running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread writer : writers) {
        writer.join(15_000);
      }
      assertEveryFileParses(workspace);
    }

    assertThat(acknowledged).isNotEmpty();
    String queue = Files.readString(workspace.resolve("data/state/manual-task-notes.json"));
    String tasks = allTaskFiles(workspace);
    for (String marker : acknowledged) {
      assertThat(queue).as("queue has " + marker).contains(marker);
      assertThat(tasks).as("task file has " + marker).contains(marker);
    }
    host.startAndAwait();
    assertNoTempFiles(workspace);
  }

  private List<Thread> startWriters(int round, Queue<String> acknowledged, AtomicBoolean stop) {
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread thread = new Thread(() -> {
        for (int n = 0; !stop.get() && n < 10_000; n++) {
          String marker = "durable-r" + round + "-w" + writer + "-n" + n;
          String task = TASKS[(writer + n) % TASKS.length];
          try {
            HttpResponse<String> reply = TaskhostProcess.postJson(host.notesPort(), "/save-note",
                "{\"task_id\": \"" + task + "\", \"note_text\": \"" + marker + "\"}");
            if (reply.statusCode() == 200) {
              acknowledged.add(marker);
            }
          } catch (Exception e) {
            return;
          }
        }
      });
      thread.start();
      writers.add(thread);
    }
    return writers;
  }

  private static void assertEveryFileParses(Path workspace) throws Exception {
    try (Stream<Path> files = Files.walk(workspace)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
        JsonNode parsed = JSON.readTree(file.toFile());
        assertThat(parsed).as(file.toString()).isNotNull();
      }
    }
  }

  private static void assertNoTempFiles(Path workspace) throws Exception {
    try (Stream<Path> files = Files.walk(workspace)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }

  private static String allTaskFiles(Path workspace) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(workspace)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString()
          .equals("tasks.json"))::iterator) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }
}
