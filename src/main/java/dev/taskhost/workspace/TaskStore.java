package dev.taskhost.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

// TODO: placeholder until the real store lands.
public final class TaskStore implements AutoCloseable {
  private final Path workspace;

  public TaskStore(Path workspace, PersonalTasks personal) {
    this.workspace = workspace;
  }

  public void reload() throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(workspace)) {
      throw new java.io.IOException("not a folder: " + workspace);
    }
  }

  public boolean refreshIfChanged() {
    return false;
  }

  public TasksView view() {
    return new TasksView("{\"tasks_by_client\": {}, \"all_tasks\": [], \"all_reminders\": []}"
        .getBytes(StandardCharsets.UTF_8), "\"0\"", Instant.now());
  }

  public List<WorkspaceWarning> warnings() {
    return List.of();
  }

  public int notesCount() {
    return 0;
  }

  public byte[] notesJson() {
    return "[]".getBytes(StandardCharsets.UTF_8);
  }

  public NoteResult saveNote(NoteRequest request) throws NoteException {
    throw new NoteException(503, "not ready");
  }

  @Override
  public void close() {
  }
}
