package dev.taskhost.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run} as picocli sees it, for help and for arguments that {@link Main}
 * does not pass to {@link RunStart} directly. A duplicate start exits 0 so that
 * launchd never restarts it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the host in the foreground (what the launchd agent starts).")
final class RunCommand implements Callable<Integer> {
  static final String SUPERVISOR_ENV = RunStart.SUPERVISOR_ENV;

  @Mixin
  ConfigOption config;

  @Option(names = "--fail-fast",
      description = "Exit with status 78 on an invalid config instead of waiting for a fix.")
  boolean failFast;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return RunStart.execute(new RunStart.Options(config.file, failFast),
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
