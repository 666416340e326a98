package dev.taskhost.cli;

import dev.taskhost.config.ConfigLocation;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Spells out taskhost commands the way this process was started, for messages. */
final class CommandHints {
  private CommandHints() {
  }

  /** "java -jar /abs/taskhost.jar status -c /abs/conf.json", with -c only when a file is used. */
  static String of(String command, ConfigLocation location) {
    String config = location.builtIn() ? "" : " -c " + quote(location.file().toString());
    return "java -jar " + quote(jarPath()) + " " + command + config;
  }

  private static String jarPath() {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toString().endsWith(".jar") ? code.toString() : "target/taskhost.jar";
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return "target/taskhost.jar";
    }
  }

  private static String quote(String text) {
    return text.matches("[A-Za-z0-9_./@:+=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
