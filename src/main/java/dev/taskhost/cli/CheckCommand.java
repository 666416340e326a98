package dev.taskhost.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskhost.config.ConfigException;
import dev.taskhost.config.ConfigLocation;
import dev.taskhost.config.HostConfig;
import dev.taskhost.config.PersonalTasksConfig;
import dev.taskhost.config.ServerConfig;
import dev.taskhost.config.StateDirs;
import dev.taskhost.guard.InstanceLock;
import dev.taskhost.guard.PortOwner;
import dev.taskhost.guard.PortProbe;
import dev.taskhost.guard.RunningHost;
import dev.taskhost.workspace.PersonalTasks;
import dev.taskhost.workspace.TaskStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check}: validates config, workspace and ports without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the config, the workspace and the ports without starting anything."
        + " Exit status: 0 ok, 1 errors, 2 warnings only.")
final class CheckCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  ConfigOption config;

  @Option(names = "--json", description = "Print the findings as JSON.")
  boolean json;

  @Spec
  CommandSpec spec;

  private final ArrayNode findings = JSON.createArrayNode();
  private int errors;
  private int warnings;

  @Override
  public Integer call() throws Exception {
    ConfigLocation location = config.locate();
    HostConfig hostConfig = checkConfig(location);
    if (hostConfig != null) {
      Path stateDir = hostConfig.stateDir() != null ? hostConfig.stateDir()
          : StateDirs.defaultFor(System.getenv());
      checkWorkspace(hostConfig, stateDir);
      checkPorts(hostConfig, stateDir);
    }
    print();
    if (errors > 0) {
      return ExitCodes.FAILURE;
    }
    return warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  private HostConfig checkConfig(ConfigLocation location) {
    try {
      HostConfig loaded = location.load();
      add("ok", "config", location.builtIn() ? "no config file; using built-in defaults"
          : location.file() + " is valid");
      return loaded;
    } catch (ConfigException e) {
      add("error", "config", e.getMessage());
      return null;
    }
  }

  private void checkWorkspace(HostConfig hostConfig, Path stateDir) {
    Path folder = hostConfig.workspace();
    if (folder == null) {
      folder = stateDir.resolve("sample-workspace");
      if (!Files.isDirectory(folder)) {
        add("ok", "workspace", "none set; the bundled sample workspace is copied to " + folder
            + " on first start");
        return;
      }
    } else if (!Files.isDirectory(folder)) {
      add("error", "workspace", folder + " is not a folder; create it or fix \"workspace\" in "
          + hostConfig.origin());
      return;
    }
    if (!Files.isDirectory(folder.resolve("clients"))) {
      add("warning", "workspace", folder + " has no clients folder, so it shows no client tasks;"
          + " check \"workspace\" in " + hostConfig.origin());
    }
    PersonalTasksConfig personal = hostConfig.personalTasks();
    try (TaskStore store = new TaskStore(folder, personal == null ? null
        : new PersonalTasks(personal.file(), personal.client(), personal.display()))) {
      store.reload();
      store.warnings().forEach(w -> add("warning", "workspace", w.message().contains(w.file())
          ? w.message() : w.file() + ": " + w.message()));
      if (store.warnings().isEmpty()) {
        add("ok", "workspace", folder + " loads without warnings");
      }
    } catch (IOException e) {
      add("error", "workspace", folder + ": " + e.getMessage());
    }
  }

  private void checkPorts(HostConfig hostConfig, Path stateDir) {
    boolean hostRunning = InstanceLock.isHeld(stateDir);
    RunningHost running = hostRunning ? RunningHost.read(stateDir) : null;
    for (ServerConfig server : hostConfig.servers().values()) {
      String subject = "port " + server.name();
      if (!server.enabled()) {
        add("ok", subject, "disabled in the config");
      } else if (PortProbe.free(server.host(), server.port())) {
        add("ok", subject, server.address() + " is free");
      } else if (running != null && heldByHost(running, server)) {
        add("ok", subject, server.address() + " is held by the running taskhost (PID "
            + running.pid().orElse(-1) + ")");
      } else {
        add("error", subject, server.address() + " is held by another program: "
            + PortOwner.describe(server.port()).orElse("the OS does not say which")
            + "; stop it or choose another port for servers." + server.name() + ".port");
      }
    }
  }

  private static boolean heldByHost(RunningHost running, ServerConfig server) {
    return running.servers().stream().anyMatch(s -> s.name().equals(server.name())
        && "listening".equals(s.state()) && s.port() != null && s.port() == server.port());
  }

  private void add(String level, String subject, String message) {
    if (level.equals("error")) {
      errors++;
    } else if (level.equals("warning")) {
      warnings++;
    }
    ObjectNode finding = findings.addObject();
    finding.put("level", level).put("subject", subject).put("message", message);
  }

  private void print() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode result = JSON.createObjectNode().put("errors", errors).put("warnings", warnings);
      result.set("findings", findings);
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return;
    }
    findings.forEach(f -> out.println(f.path("level").asText().toUpperCase() + "  "
        + f.path("subject").asText() + ": " + f.path("message").asText()));
    out.println(errors + " errors, " + warnings + " warnings");
  }
}
