package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's tasks in memory, the pre-serialised task view, and the only writer of task files
 * and the notes queue inside the host.
 *
 * <p>Thread-safe. {@link #view()}, {@link #warnings()}, {@link #notesCount()} and {@link
 * #notesJson()} read one immutable snapshot without I/O or locks. Loading, refreshing and writing
 * share one lock and publish a new snapshot when they finish. Notes go through one writer thread
 * ({@link NoteWriter}).
 */
public final class TaskStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskStore.class);

  /**
   * Notes saved within this time of each other share one view rebuild. Building the view of a
   * large workspace costs tens of milliseconds of CPU, so under a stream of notes a short delay
   * would keep one core busy rebuilding. One second still shows a note well within the two
   * seconds the page allows for any task change.
   */
  private static final long VIEW_REBUILD_DELAY_MS = 1_000;

  /** Everything the read methods return, replaced as a whole. */
  private record Snapshot(
      TasksViewBuilder.Built built, List<WorkspaceWarning> warnings, NotesBody notes) {}

  /** The notes queue, serialised for GET /api/notes on first request rather than on every save. */
  private static final class NotesBody {
    private final List<?> queue;
    private volatile byte[] json;

    NotesBody(List<?> queue) {
      this.queue = queue;
    }

    byte[] json() {
      byte[] bytes = json;
      if (bytes == null) {
        bytes = PythonJsonWriter.dumpForHttp(queue);
        json = bytes;
      }
      return bytes;
    }
  }

  private final Path workspace;
  private final Clock clock;
  private final WorkspaceScanner scanner;
  private final NoteCommitter committer;
  private final NoteWriter writer;
  private final CoalescingRunner viewRebuilder;
  private final List<Consumer<TasksView>> viewListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  // Guarded by lock. version counts changes to scan and notesFile.
  private WorkspaceScan scan = WorkspaceScan.EMPTY;
  private WorkspaceFile notesFile;
  private long version;
  private boolean loaded;
  private String lastRefreshError;

  private volatile Snapshot snapshot;

  /**
   * Creates an empty store; {@link #reload()} loads it.
   *
   * @param personal the personal tasks file, or null when there is none
   */
  public TaskStore(Path workspace, PersonalTasks personal) {
    this(workspace, personal, Clock.systemDefaultZone());
  }

  /** Creates a store whose timestamps come from {@code clock}, local time in its zone. */
  public TaskStore(Path workspace, PersonalTasks personal, Clock clock) {
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanner = new WorkspaceScanner(workspace, personal);
    this.committer = new NoteCommitter(workspace, clock);
    synchronized (lock) {
      notesFile =
          new WorkspaceFile(
              NoteCommitter.NOTES_FILE,
              workspace.resolve(NoteCommitter.NOTES_FILE),
              FileStamp.MISSING,
              null,
              null,
              null);
      publish();
    }
    this.viewRebuilder =
        new CoalescingRunner("taskhost-view-builder", VIEW_REBUILD_DELAY_MS, this::rebuildView);
    this.writer = new NoteWriter(this::commit);
  }

  /**
   * Registers a listener for task views rebuilt after saved notes. Those views are built on a
   * background thread after {@link #saveNote} returns, so that building a large view does not delay
   * the reply. Views from {@link #reload()} and {@link #refreshIfChanged()} are not reported here:
   * they are in place when those methods return.
   */
  public void onViewChanged(Consumer<TasksView> listener) {
    viewListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads every task file and the notes queue again. A file that cannot be parsed becomes a
   * warning.
   *
   * @throws IOException only when the workspace folder itself is missing or unreadable
   */
  public void reload() throws IOException {
    synchronized (lock) {
      scan = scanner.scan(WorkspaceScan.EMPTY);
      notesFile =
          WorkspaceFile.read(NoteCommitter.NOTES_FILE, workspace.resolve(NoteCommitter.NOTES_FILE));
      loaded = true;
      publish();
      LOG.info(
          "Loaded workspace {}: {} clients, warnings: {}",
          workspace,
          scan.clients().size() + (scan.personal() != null ? 1 : 0),
          snapshot.warnings().size());
    }
  }

  /**
   * Re-reads the task files and the notes queue whose stamps changed, and the list of client
   * folders. Cheap when nothing changed: a directory listing and a stat per file.
   *
   * @return true when the task view changed
   */
  public boolean refreshIfChanged() {
    synchronized (lock) {
      try {
        if (!loaded) {
          reload();
          return true;
        }
        WorkspaceScan fresh = scanner.scan(scan);
        boolean changed = !sameTasks(scan, fresh);
        scan = fresh;
        lastRefreshError = null;
        FileStamp notesStamp = FileStamp.of(notesFile.path());
        if (!notesStamp.sameAs(notesFile.stamp())) {
          WorkspaceFile before = notesFile;
          notesFile = WorkspaceFile.read(NoteCommitter.NOTES_FILE, notesFile.path());
          changed |= (before.error() == null) != (notesFile.error() == null);
          if (!notesFile.sameContent(before)) {
            publishNotes();
          }
        }
        if (changed) {
          publish();
        }
        return changed;
      } catch (IOException e) {
        if (!e.getMessage().equals(lastRefreshError)) {
          lastRefreshError = e.getMessage();
          LOG.warn("Cannot refresh the task view, keeping the last one: {}", e.getMessage());
        }
        return false;
      }
    }
  }

  /** Returns the current task view. */
  public TasksView view() {
    return snapshot.built().view();
  }

  /** Returns the problems found at the last load or refresh. */
  public List<WorkspaceWarning> warnings() {
    return snapshot.warnings();
  }

  /** Returns the number of entries in the notes queue. */
  public int notesCount() {
    return snapshot.notes().queue.size();
  }

  /** Returns the notes queue as JSON bytes ({@code []} when it is missing or unreadable). */
  public byte[] notesJson() {
    return snapshot.notes().json().clone();
  }

  /**
   * Appends a note to its task and to the notes queue, and returns once both files are durable.
   * Blocks the calling thread.
   *
   * @throws NoteException with the HTTP status that fits (see {@link NoteException})
   */
  public NoteResult saveNote(NoteRequest request) throws NoteException {
    if (request == null || request.taskId() == null || request.taskId().isBlank()) {
      throw new NoteException(400, "task_id is missing");
    }
    if (request.noteText() == null || request.noteText().isBlank()) {
      throw new NoteException(400, "note_text is missing or empty");
    }
    TaskLocation location = locate(request.taskId());
    try {
      return writer.submit(request, location).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NoteException failure) {
        throw failure;
      }
      throw new NoteException(500, "saving the note failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoteException(
          503, "interrupted while waiting for the note to be written; it may still be saved");
    }
  }

  /** Writes every queued note, then rejects new ones with 503. */
  @Override
  public void close() {
    writer.close();
    committer.close();
    viewRebuilder.close();
  }

  /** Finds a task by id, loading changed files once when the id is unknown. */
  private TaskLocation locate(String taskId) throws NoteException {
    TaskLocation location = snapshot.built().index().get(taskId);
    if (location == null) {
      refreshIfChanged();
      location = snapshot.built().index().get(taskId);
    }
    if (location != null) {
      return location;
    }
    String unreadable = unparseableFileMentioning(taskId);
    if (unreadable != null) {
      throw new NoteException(
          409,
          "task "
              + taskId
              + " appears in "
              + unreadable
              + ", which cannot be parsed; the note was not saved and the file was left unchanged");
    }
    throw new NoteException(404, "task " + taskId + " was not found in the workspace");
  }

  /** Returns a skipped (unparseable) task file whose bytes contain the id, or null. */
  private String unparseableFileMentioning(String taskId) {
    List<WorkspaceFile> broken = new ArrayList<>();
    synchronized (lock) {
      for (ClientSource client : scan.clients()) {
        if (client.file() != null && client.file().error() != null) {
          broken.add(client.file());
        }
      }
      if (scan.personal() != null && scan.personal().file().error() != null) {
        broken.add(scan.personal().file());
      }
    }
    String needle = taskId;
    for (WorkspaceFile file : broken) {
      try {
        String text = new String(Files.readAllBytes(file.path()), StandardCharsets.ISO_8859_1);
        if (text.contains(needle)) {
          return file.relativePath();
        }
      } catch (IOException e) {
        LOG.debug(
            "Cannot read {} to look for task {}: {}", file.relativePath(), taskId, e.toString());
      }
    }
    return null;
  }

  /**
   * Runs on the writer thread: applies a batch, publishes the new view, then completes the callers.
   */
  private void commit(List<PendingNote> batch) {
    NoteCommitter.Outcome outcome;
    synchronized (lock) {
      outcome = committer.commit(batch);
      if (!outcome.written().isEmpty()) {
        Map<String, WorkspaceFile> taskFiles = new HashMap<>(outcome.written());
        WorkspaceFile queue = taskFiles.remove(NoteCommitter.NOTES_FILE);
        if (queue != null) {
          notesFile = queue;
        }
        scan = withFiles(scan, taskFiles);
        version++;
        publishNotes();
        viewRebuilder.request();
      }
    }
    for (PendingNote note : batch) {
      Object result = outcome.outcomes().get(note);
      if (result instanceof NoteResult saved) {
        note.result().complete(saved);
      } else if (result instanceof NoteException failure) {
        note.result().completeExceptionally(failure);
      } else {
        note.result()
            .completeExceptionally(new NoteException(500, "the note writer gave no result"));
      }
    }
  }

  private static WorkspaceScan withFiles(WorkspaceScan scan, Map<String, WorkspaceFile> files) {
    if (files.isEmpty()) {
      return scan;
    }
    List<ClientSource> clients = new ArrayList<>();
    for (ClientSource client : scan.clients()) {
      clients.add(replaced(client, files));
    }
    ClientSource personal = scan.personal() == null ? null : replaced(scan.personal(), files);
    return new WorkspaceScan(List.copyOf(clients), personal, scan.warnings());
  }

  private static ClientSource replaced(ClientSource client, Map<String, WorkspaceFile> files) {
    WorkspaceFile file = client.file() == null ? null : files.get(client.file().relativePath());
    return file == null
        ? client
        : new ClientSource(client.name(), client.display(), file, client.personal());
  }

  /** True when both scans show the same clients with the same file contents. */
  private static boolean sameTasks(WorkspaceScan before, WorkspaceScan after) {
    List<ClientSource> a = new ArrayList<>(before.clients());
    List<ClientSource> b = new ArrayList<>(after.clients());
    a.add(before.personal());
    b.add(after.personal());
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ClientSource x = a.get(i);
      ClientSource y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return false;
        }
        continue;
      }
      if (!x.name().equals(y.name()) || (x.file() == null) != (y.file() == null)) {
        return false;
      }
      if (x.file() != null && x.file() != y.file() && !x.file().sameContent(y.file())) {
        return false;
      }
    }
    return true;
  }

  /** Rebuilds the view and the notes summary now. Caller holds the lock. */
  private void publish() {
    version++;
    snapshot = withNotes(buildView(scan, notesFile));
  }

  /**
   * Builds the view for the newest state outside the lock, and publishes it unless a newer one
   * exists.
   */
  private void rebuildView() {
    WorkspaceScan scanToBuild;
    WorkspaceFile notesToBuild;
    long versionToBuild;
    synchronized (lock) {
      scanToBuild = scan;
      notesToBuild = notesFile;
      versionToBuild = version;
    }
    TasksViewBuilder.Built built = buildView(scanToBuild, notesToBuild);
    synchronized (lock) {
      if (version != versionToBuild) {
        return;
      }
      snapshot = withNotes(built);
    }
    for (Consumer<TasksView> listener : viewListeners) {
      listener.accept(built.view());
    }
  }

  /** Builds a view from published, never-modified state, so it needs no lock. */
  private TasksViewBuilder.Built buildView(WorkspaceScan state, WorkspaceFile queue) {
    List<WorkspaceWarning> extra = new ArrayList<>(state.warnings());
    String queueProblem = NoteCommitter.queueProblem(queue);
    if (queueProblem != null) {
      extra.add(
          new WorkspaceWarning(
              NoteCommitter.NOTES_FILE,
              queueProblem.replace(
                  "; the note was not saved and the file was left unchanged",
                  "; notes cannot be saved until it is fixed")));
    }
    WorkspaceScan withWarnings =
        new WorkspaceScan(state.clients(), state.personal(), List.copyOf(extra));
    return TasksViewBuilder.build(withWarnings, PythonTime.isoformat(clock), clock.instant());
  }

  /** Rebuilds the notes summary only. Caller holds the lock. */
  private void publishNotes() {
    snapshot = withNotes(snapshot.built());
  }

  private Snapshot withNotes(TasksViewBuilder.Built built) {
    List<?> queue =
        notesFile.error() == null && notesFile.root() instanceof List<?> list ? list : List.of();
    return new Snapshot(built, built.warnings(), new NotesBody(queue));
  }
}
