package dev.taskhost.workspace;

/**
 * A note that could not be saved, with the HTTP status that describes why.
 *
 * <p>400: the request lacks a task id or note text. 404: no loaded task has the id. 409: the task's
 * file or the notes queue cannot be parsed, or the task's {@code notes} is not text; the message
 * names the file and the reason, and the file is left unchanged. 500: writing a file failed. 503:
 * the store is closed.
 */
public final class NoteException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public NoteException(int statusCode, String message) {
    super(message);
    this.statusCode = statusCode;
  }

  public NoteException(int statusCode, String message, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }
}
