package dev.taskhost.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The validated host configuration. Paths are absolute; a null workspace means
 * the bundled sample workspace and a null stateDir the per-user default.
 */
public record HostConfig(
    Path file,
    Path workspace,
    PersonalTasksConfig personalTasks,
    Path stateDir,
    Map<String, ServerConfig> servers,
    String portConflictPolicy,
    long maxBackoffMs,
    long scanPeriodMs,
    List<String> allowedHosts,
    List<String> allowedOrigins,
    int maxBodyBytes,
    long shutdownTimeoutMs) {

  public static final String TASK_MANAGER = "task-manager";
  public static final String TASK_NOTES = "task-notes";

  /** Returns the settings of the named server. */
  public ServerConfig server(String name) {
    return servers.get(name);
  }

  /** Returns where the config came from, for messages: the file or "built-in defaults". */
  public String origin() {
    return file == null ? "built-in defaults" : file.toString();
  }
}
