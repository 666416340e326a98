package dev.taskhost.config;

import java.nio.file.Path;

/** An invalid or unreadable config file: names the file, the key and the fix. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String key;

  public ConfigException(Path file, String key, String reason) {
    super(describe(file, key, reason));
    this.file = file;
    this.key = key;
  }

  public Path file() {
    return file;
  }

  /** The dotted key at fault, or null when the whole file is at fault. */
  public String key() {
    return key;
  }

  private static String describe(Path file, String key, String reason) {
    String where = file == null ? "config" : file.toString();
    return key == null ? where + ": " + reason : where + ": " + key + ": " + reason;
  }
}
