package dev.taskhost.workspace;

public final class NoteException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int statusCode;

  public NoteException(int statusCode, String message) {
    super(message);
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }
}
