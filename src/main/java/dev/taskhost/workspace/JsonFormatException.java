package dev.taskhost.workspace;

/** A file whose bytes are not a JSON document that Python's {@code json.loads} would accept. */
final class JsonFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  JsonFormatException(String message) {
    super(message);
  }
}
