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
    Path home = Path.of(System.getProperty("user.home"));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("taskhost");
    }
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("taskhost");
    }
    return home.resolve(".local").resolve("state").resolve("taskhost");
  }
}
