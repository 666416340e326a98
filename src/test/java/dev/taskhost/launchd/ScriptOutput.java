package dev.taskhost.launchd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The standard output of install.sh or uninstall.sh: numbered step headings
 * ({@code ==> 3. ...}), the commands of each step ({@code $ ...}), and in a
 * dry run of install.sh the full plist.
 */
record ScriptOutput(String text) {

  private static final String STEP_PREFIX = "==> ";
  private static final String COMMAND_PREFIX = "    $ ";

  List<String> steps() {
    return text.lines().filter(line -> line.startsWith(STEP_PREFIX))
        .map(line -> line.substring(STEP_PREFIX.length())).toList();
  }

  List<String> commands() {
    return text.lines().filter(line -> line.startsWith(COMMAND_PREFIX))
        .map(line -> line.substring(COMMAND_PREFIX.length())).toList();
  }

  /** Returns the position of the first command that matches the pattern, or -1. */
  int indexOfCommand(String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<String> commands = commands();
    for (int i = 0; i < commands.size(); i++) {
      if (pattern.matcher(commands.get(i)).find()) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the printed plist, from its XML declaration to its closing tag. */
  String plist() {
    int start = text.indexOf("<?xml");
    int end = text.indexOf("</plist>");
    if (start < 0 || end < start) {
      throw new AssertionError("no plist in the output:\n" + text);
    }
    return text.substring(start, end + "</plist>".length());
  }
}
