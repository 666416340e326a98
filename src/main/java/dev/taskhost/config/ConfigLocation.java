package dev.taskhost.config;

import java.io.IOException;
import dev.taskhost.guard.StrictJson;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the config file: {@code -c FILE}, else {@code $TASKHOST_CONFIG}, else
 * {@code conf/taskhost.json} in the working directory, else built-in defaults.
 */
public record ConfigLocation(Path file, String source) {
  public static final String ENV_CONFIG = "TASKHOST_CONFIG";
  public static final Path DEFAULT_FILE = Path.of("conf", "taskhost.json");

  /** Resolves where the config comes from; a file named explicitly must exist. */
  public static ConfigLocation locate(Path option, Map<String, String> env) {
    if (option != null) {
      return new ConfigLocation(option.toAbsolutePath().normalize(), "-c");
    }
    String fromEnv = env.get(ENV_CONFIG);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ConfigLocation(Path.of(fromEnv).toAbsolutePath().normalize(), ENV_CONFIG);
    }
    if (Files.isRegularFile(DEFAULT_FILE)) {
      return new ConfigLocation(DEFAULT_FILE.toAbsolutePath().normalize(), "working directory");
    }
    return new ConfigLocation(null, "built-in defaults");
  }

  /** Returns whether no file is involved and the built-in defaults apply. */
  public boolean builtIn() {
    return file == null;
  }

  /** Reads and validates the config. */
  public HostConfig load() throws ConfigException {
    if (file == null) {
      return ConfigParser.defaults();
    }
    return ConfigParser.parse(file, read());
  }

  /**
   * The state folder, read leniently so that a host whose config is invalid still
   * guards the right folder.
   */
  public Path stateDir(Map<String, String> env) {
    Path configured = null;
    if (file != null) {
      try {
        configured = stateDirOf(file, Files.readAllBytes(file));
      } catch (IOException e) {
        configured = null;
      }
    }
    return configured != null ? configured : StateDirs.defaultFor(env);
  }

  /**
   * Reads only the stateDir of a config file that may be invalid, with the same
   * result as {@link ConfigParser#stateDirOf}, but without Jackson, because
   * {@code run} calls it before it takes the lock. Returns null when the file is
   * not valid JSON or names no stateDir.
   */
  static Path stateDirOf(Path file, byte[] content) {
    Object root;
    try {
      root = StrictJson.parse(content);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!(root instanceof Map<?, ?> settings) || !(settings.get("stateDir") instanceof String value)) {
      return null;
    }
    // The same resolution as ConfigParser applies to every path setting.
    String expanded = value.equals("~") || value.startsWith("~/")
        ? System.getProperty("user.home") + value.substring(1)
        : value;
    try {
      return file.toAbsolutePath().getParent().resolve(expanded).normalize().toAbsolutePath();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private byte[] read() throws ConfigException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, null, "the file does not exist (named by " + source
          + "); create it, or copy conf/taskhost.json from the taskhost folder");
    } catch (IOException e) {
      throw new ConfigException(file, null, "cannot read the file: " + e.getMessage());
    }
  }
}
