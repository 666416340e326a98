package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of notes to the files on disk: each touched task file is read again, changed and
 * written once, then the notes queue is read again, extended and written once.
 *
 * <p>Every write starts from the file's current bytes, not from the copy loaded earlier, so an edit
 * made by another program survives. Just before the rename the file's stamp and checksum are
 * compared with what was read. If another program wrote it meanwhile, the notes are applied again
 * to the new content. A file that cannot be parsed is never written.
 *
 * <p>The task files of one batch are written in parallel, each by one thread, so their fsyncs
 * overlap; the batches themselves come one at a time from the single {@link NoteWriter} thread, so
 * a file never has two writers.
 */
final class NoteCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(NoteCommitter.class);
  static final String NOTES_FILE = "data/state/manual-task-notes.json";
  private static final int MAX_ATTEMPTS = 5;
  private static final int FILE_WRITER_THREADS = 4;

  /**
   * Result of one batch.
   *
   * @param written task files and the notes queue as written, by relative path
   * @param outcomes for each note, its {@link NoteResult} or {@link NoteException}
   */
  record Outcome(Map<String, WorkspaceFile> written, Map<PendingNote, Object> outcomes) {}

  /** A note applied to its task, with the values its queue entry needs. */
  private record Applied(PendingNote note, String file, Map<String, Object> entry) {}

  private final Path workspace;
  // Each task file as a note last wrote it, to skip parsing it again while no other program edits it.
  private final Map<String, WorkspaceFile> lastTaskFiles = new ConcurrentHashMap<>();
  // The queue as this writer last wrote it. Only the writer thread uses these two fields.
  private WorkspaceFile lastQueue;
  private byte[] lastQueueBytes;
  private final Clock clock;
  private final ExecutorService fileWriters;

  NoteCommitter(Path workspace, Clock clock) {
    this.workspace = workspace;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.fileWriters =
        Executors.newFixedThreadPool(
            FILE_WRITER_THREADS,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "taskhost-file-writer-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Stops the file writer threads; call after the last {@link #commit}. */
  void close() {
    fileWriters.shutdown();
  }

  Outcome commit(List<PendingNote> batch) {
    Map<String, WorkspaceFile> written = new ConcurrentHashMap<>();
    Map<PendingNote, Object> outcomes = new ConcurrentHashMap<>();
    String now = PythonTime.isoformat(clock);

    // The queue is checked first, so a corrupt queue stops the batch before any task file changes.
    WorkspaceFile queueFile = readQueue();
    String queueProblem = queueProblem(queueFile);
    if (queueProblem != null) {
      batch.forEach(note -> outcomes.put(note, new NoteException(409, queueProblem)));
      return new Outcome(written, outcomes);
    }

    Map<String, List<PendingNote>> byFile = new LinkedHashMap<>();
    for (PendingNote note : batch) {
      byFile.computeIfAbsent(note.location().file(), file -> new ArrayList<>()).add(note);
    }
    List<Future<List<Applied>>> files = new ArrayList<>();
    for (Map.Entry<String, List<PendingNote>> group : byFile.entrySet()) {
      files.add(
          fileWriters.submit(
              () -> commitTaskFile(group.getKey(), group.getValue(), now, written, outcomes)));
    }
    List<Applied> applied = new ArrayList<>();
    for (Future<List<Applied>> file : files) {
      applied.addAll(join(file));
    }
    if (!applied.isEmpty()) {
      commitQueue(queueFile, applied, written, outcomes);
    }
    return new Outcome(written, outcomes);
  }

  /** Waits for one file's commit; the commit itself records failures in the outcomes. */
  private static List<Applied> join(Future<List<Applied>> file) {
    try {
      return file.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while task files were being written", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("writing a task file failed unexpectedly", e.getCause());
    }
  }

  private List<Applied> commitTaskFile(
      String file,
      List<PendingNote> notes,
      String now,
      Map<String, WorkspaceFile> written,
      Map<PendingNote, Object> outcomes) {
    Path path = workspace.resolve(file);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      WorkspaceFile current = attempt == 1 ? readTaskFile(file, path) : WorkspaceFile.read(file, path);
      if (!current.exists() || current.error() != null) {
        String reason = !current.exists() ? "no longer exists" : current.error();
        String message =
            "task file "
                + file
                + " "
                + reason
                + "; the note was not saved and the file was left unchanged";
        notes.forEach(
            note -> outcomes.put(note, new NoteException(current.exists() ? 409 : 404, message)));
        return List.of();
      }
      Map<PendingNote, Object> failures = new HashMap<>();
      List<Applied> applied = new ArrayList<>();
      for (PendingNote note : notes) {
        try {
          applied.add(apply(current.root(), note, file, now));
        } catch (NoteException e) {
          failures.put(note, e);
        }
      }
      if (applied.isEmpty()) {
        outcomes.putAll(failures);
        return List.of();
      }
      byte[] bytes = PythonJsonWriter.dumpIndented(current.root());
      try {
        if (AtomicFiles.replace(path, bytes, () -> unchanged(current))) {
          WorkspaceFile stored =
              new WorkspaceFile(
                  file,
                  path,
                  FileStamp.of(path),
                  WorkspaceFile.checksum(bytes),
                  current.root(),
                  null);
          written.put(file, stored);
          lastTaskFiles.put(file, stored);
          outcomes.putAll(failures);
          return applied;
        }
        LOG.info(
            "{} changed on disk while a note was being saved; applying the note to the new content",
            file);
      } catch (IOException e) {
        LOG.error("Writing {} failed; {} notes were not saved", file, applied.size(), e);
        NoteException failure =
            new NoteException(500, "writing " + file + " failed: " + e.getMessage());
        notes.forEach(note -> outcomes.put(note, failure));
        return List.of();
      }
    }
    NoteException busy =
        new NoteException(
            409,
            "task file "
                + file
                + " kept changing on disk while the note was being saved; "
                + "the note was not saved, try again");
    notes.forEach(note -> outcomes.put(note, busy));
    return List.of();
  }

  /** Appends the note to its task in {@code root} and returns the queue entry for it. */
  private static Applied apply(Object root, PendingNote note, String file, String now)
      throws NoteException {
    NoteRequest request = note.request();
    Map<String, Object> task = TaskFiles.findTask(root, request.taskId());
    if (task == null) {
      throw new NoteException(
          404,
          "task " + request.taskId() + " is no longer in " + file + "; the note was not saved");
    }
    Object notes = task.get("notes");
    if (notes == null || "".equals(notes)) {
      task.put("notes", request.noteText());
    } else if (notes instanceof String text) {
      task.put("notes", text + "\n\n" + request.noteText());
    } else {
      throw new NoteException(
          409,
          "task "
              + request.taskId()
              + " in "
              + file
              + " has \"notes\" that are "
              + TaskFiles.describe(notes)
              + ", not text; the note was not saved and the file was left unchanged");
    }
    // NOTE: updated_at is left alone because the old notes server's handling of it is not known.

    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("task_id", request.taskId());
    // The request's client, title and priority are only hints from the page: the queue records
    // the task's own values, so a crafted request cannot put a path into the file other tools read.
    entry.put("client", note.location().client());
    entry.put("task_title", task.get("title") != null ? task.get("title") : request.taskTitle());
    // The old server always wrote "standalone" here, whatever the task's type.
    entry.put("task_type", "standalone");
    entry.put(
        "task_priority", task.get("priority") != null ? task.get("priority") : request.priority());
    entry.put("task_notes", dueDateOrDefault(request, task));
    entry.put("manual_note", request.noteText());
    entry.put("timestamp", now + "Z");
    return new Applied(note, file, entry);
  }

  /** Returns the due date for task_notes, or "No due date", as the old server stored it. */
  private static Object dueDateOrDefault(NoteRequest request, Map<String, Object> task) {
    Object due = task.get("due_date") != null ? task.get("due_date") : request.dueDate();
    return TasksViewBuilder.isTruthy(due) ? due : "No due date";
  }

  private void commitQueue(
      WorkspaceFile queueFile,
      List<Applied> applied,
      Map<String, WorkspaceFile> written,
      Map<PendingNote, Object> outcomes) {
    Path path = workspace.resolve(NOTES_FILE);
    WorkspaceFile current = queueFile;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      String problem = queueProblem(current);
      if (problem != null) {
        failApplied(
            applied,
            outcomes,
            new NoteException(
                409,
                NOTES_FILE
                    + " changed on disk and can no longer "
                    + "be read; the note is in its task file but not in the queue"));
        return;
      }
      // A copy: the list read earlier may be the one the store serves to readers.
      List<Object> queue =
          current.exists() ? new ArrayList<>(castList(current.root())) : new ArrayList<>();
      List<Object> entries = new ArrayList<>();
      applied.forEach(item -> entries.add(item.entry()));
      byte[] bytes = current == lastQueue && lastQueueBytes != null
          ? PythonJsonWriter.appendToIndentedList(lastQueueBytes, entries)
          : null;
      queue.addAll(entries);
      if (bytes == null) {
        bytes = PythonJsonWriter.dumpIndented(queue);
      }
      WorkspaceFile read = current;
      try {
        if (AtomicFiles.replace(path, bytes, () -> unchanged(read))) {
          lastQueue =
              new WorkspaceFile(
                  NOTES_FILE, path, FileStamp.of(path), WorkspaceFile.checksum(bytes), queue, null);
          lastQueueBytes = bytes;
          written.put(NOTES_FILE, lastQueue);
          for (Applied item : applied) {
            outcomes.put(
                item.note(),
                new NoteResult(
                    item.note().request().taskId(),
                    item.file(),
                    "Note saved to task " + item.note().request().taskId() + " in " + item.file(),
                    queue.size()));
          }
          return;
        }
      } catch (IOException e) {
        LOG.error(
            "Writing {} failed; {} notes are in their task files but not in the queue",
            NOTES_FILE,
            applied.size(),
            e);
        failApplied(
            applied,
            outcomes,
            new NoteException(
                500,
                "the note was added to its task, but writing "
                    + NOTES_FILE
                    + " failed: "
                    + e.getMessage()));
        return;
      }
      LOG.info(
          "{} changed on disk while notes were being queued; appending to the new content",
          NOTES_FILE);
      current = WorkspaceFile.read(NOTES_FILE, path);
    }
    failApplied(
        applied,
        outcomes,
        new NoteException(
            409,
            NOTES_FILE
                + " kept changing on disk; the note is in its task file but not in the queue"));
  }

  /**
   * Reads a task file, or copies the tree of this writer's last write when the file still has its
   * stamp and bytes. The copy matters: the store serves the written tree to readers.
   */
  private WorkspaceFile readTaskFile(String file, Path path) {
    WorkspaceFile last = lastTaskFiles.remove(file);
    try {
      if (last != null && unchanged(last)) {
        return new WorkspaceFile(
            file, path, last.stamp(), last.digest(), deepCopy(last.root()), null);
      }
    } catch (IOException e) {
      // Read it in full below, which reports the problem.
    }
    return WorkspaceFile.read(file, path);
  }

  /** Copies the maps and lists of a parsed tree; strings, numbers and booleans are immutable. */
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      map.forEach((key, item) -> copy.put(key, deepCopy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(deepCopy(item)));
      return copy;
    }
    return value;
  }

  /**
   * Reads the notes queue, reusing the tree of this writer's last write when the file still has
   * its stamp and bytes, so a growing queue is not parsed again for every batch.
   */
  private WorkspaceFile readQueue() {
    Path path = workspace.resolve(NOTES_FILE);
    if (lastQueue != null) {
      try {
        if (unchanged(lastQueue)) {
          return lastQueue;
        }
      } catch (IOException e) {
        // Read it in full below, which reports the problem.
      }
    }
    lastQueue = null;
    lastQueueBytes = null;
    return WorkspaceFile.read(NOTES_FILE, path);
  }

  private static void failApplied(
      List<Applied> applied, Map<PendingNote, Object> outcomes, NoteException failure) {
    applied.forEach(item -> outcomes.put(item.note(), failure));
  }

  /**
   * Returns why the notes queue cannot take entries, or null when it can (a missing file is
   * created).
   */
  static String queueProblem(WorkspaceFile queueFile) {
    if (!queueFile.exists()) {
      return null;
    }
    if (queueFile.error() != null) {
      return "notes queue "
          + NOTES_FILE
          + " "
          + queueFile.error()
          + "; the note was not saved and the file was left unchanged";
    }
    if (!(queueFile.root() instanceof List<?>)) {
      return "notes queue "
          + NOTES_FILE
          + " is "
          + TaskFiles.describe(queueFile.root())
          + ", not a JSON list; the note was not saved and the file was left unchanged";
    }
    return null;
  }

  /** True when the file still has the stamp and the bytes it had when {@code read} was read. */
  private static boolean unchanged(WorkspaceFile read) throws IOException {
    FileStamp now = FileStamp.of(read.path());
    if (!read.exists()) {
      return !now.exists();
    }
    return now.sameAs(read.stamp())
        && Arrays.equals(WorkspaceFile.checksum(Files.readAllBytes(read.path())), read.digest());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castList(Object root) {
    return (List<Object>) root;
  }
}
