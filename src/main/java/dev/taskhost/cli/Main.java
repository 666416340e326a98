package dev.taskhost.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point. Keeps start-up light: a plain {@code run} goes to {@link RunStart}
 * without picocli, and nothing before the lock loads Vert.x, logging or Jackson,
 * so a duplicate {@code run} exits a few tens of milliseconds after the JVM starts.
 */
@Command(name = "taskhost", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs the task-manager page and the task-notes API in one guarded process.",
    subcommands = {RunCommand.class, StatusCommand.class, StopCommand.class, CheckCommand.class,
        ReloadCommand.class})
public final class Main {
  private static final Set<String> COMMANDS = Set.of("run", "status", "stop", "check", "reload",
      "help");

  public static void main(String[] args) {
    String[] effective = withDefaultCommand(args);
    if (!effective[0].equals("run")) {
      System.setProperty("taskhost.log.level", "WARN");
      System.setProperty("taskhost.log.target", "System.err");
    }
    RunStart.Options run = RunStart.parsePlain(effective);
    System.exit(run != null ? runDirectly(run) : runWithPicocli(effective));
  }

  // Loading picocli and Jackson before the lock made a duplicate run take about 280 ms
  // instead of 80 ms (bench/duplicate-run.sh on 2 shared cores).
  private static int runDirectly(RunStart.Options options) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      return RunStart.execute(options, out, err);
    } catch (Exception e) {
      err.println("taskhost: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }

  private static int runWithPicocli(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("taskhost: " + e.getMessage());
      return ExitCodes.FAILURE;
    });
    return commandLine.execute(args);
  }

  // "run" is the default command, also when only options are given.
  static String[] withDefaultCommand(String[] args) {
    if (args.length == 0) {
      return new String[] {"run"};
    }
    boolean asksForTopLevel = args[0].equals("-h") || args[0].equals("--help")
        || args[0].equals("-V") || args[0].equals("--version");
    if (COMMANDS.contains(args[0]) || asksForTopLevel || !args[0].startsWith("-")) {
      return args;
    }
    String[] withRun = new String[args.length + 1];
    withRun[0] = "run";
    System.arraycopy(args, 0, withRun, 1, args.length);
    return Arrays.copyOf(withRun, withRun.length);
  }
}
