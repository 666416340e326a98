package dev.taskhost.http;

/** A request that fails with a status code and a message meant for the client. */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public HttpError(int statusCode, String message) {
    super(message, null, false, false);
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }
}
