package dev.taskhost.status;

/** Event-bus addresses, declared once. */
public final class StatusAddresses {
  /** Every state change of the host, a server or the config. */
  public static final String STATUS = "taskhost.status";
  /** Request-reply: the registry answers with the full snapshot. */
  public static final String SNAPSHOT = "taskhost.status.snapshot";
  /** A task file changed on disk or was written. */
  public static final String TASKS_CHANGED = "taskhost.tasks.changed";
  /** A note was saved. */
  public static final String NOTES_SAVED = "taskhost.notes.saved";

  private StatusAddresses() {
  }
}
