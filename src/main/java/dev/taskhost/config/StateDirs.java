package dev.taskhost.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user state folder: stable across reboots and never under /tmp, whose
 * files get swept while the host runs.
 */
public final class StateDirs {
  private StateDirs() {
  }

  /** {@code ~/Library/Application Support/taskhost} on macOS, the XDG state folder elsewhere. */
  public static Path defaultFor(Map<String, String> env) {
    if (isMac()) {
      return home().resolve("Library").resolve("Application Support").resolve("taskhost");
    }
    return xdg(env, "XDG_STATE_HOME", Path.of(".local", "state"));
  }

  /**
   * A second per-user folder for start failures, used when the state folder itself
   * is unusable: {@code ~/Library/Caches/taskhost} on macOS, the XDG cache folder
   * elsewhere.
   */
  public static Path fallbackFor(Map<String, String> env) {
    if (isMac()) {
      return home().resolve("Library").resolve("Caches").resolve("taskhost");
    }
    return xdg(env, "XDG_CACHE_HOME", Path.of(".cache"));
  }

  private static Path xdg(Map<String, String> env, String variable, Path underHome) {
    String value = env.get(variable);
    if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
      return Path.of(value).resolve("taskhost");
    }
    return home().resolve(underHome).resolve("taskhost");
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }

  private static boolean isMac() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
  }
}
