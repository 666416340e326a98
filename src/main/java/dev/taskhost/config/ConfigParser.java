package dev.taskhost.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates the config file as a whole: any unknown key, wrong type or
 * out-of-range value rejects the file with a message naming the key and the fix.
 */
public final class ConfigParser {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Set<String> TOP_KEYS = Set.of("workspace", "personalTasks", "stateDir",
      "servers", "portConflict", "reload", "http", "shutdownTimeoutMs");
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of(HostConfig.TASK_MANAGER, 8767, HostConfig.TASK_NOTES, 5002);

  private final Path file;
  private final Path baseDir;

  private ConfigParser(Path file) {
    this.file = file;
    this.baseDir = file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
  }

  /** The configuration used when no config file exists. */
  public static HostConfig defaults() {
    try {
      return new ConfigParser(null).parseTree(MAPPER.createObjectNode());
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in defaults are invalid", e);
    }
  }

  /** Parses the bytes of {@code file}; never returns a partly valid config. */
  public static HostConfig parse(Path file, byte[] content) throws ConfigException {
    ConfigParser parser = new ConfigParser(file);
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new ConfigException(file, null,
          "the file is empty; write a JSON object such as {} to use the defaults");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file, null, "invalid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage()
          + "); fix the syntax and save again");
    }
    return parser.parseTree(root);
  }

  /**
   * Reads only the stateDir of a file that may be invalid, so a host with a broken
   * config still finds its lock. Returns null when the file does not name one.
   */
  public static Path stateDirOf(Path file, byte[] content) {
    try {
      JsonNode value = MAPPER.readTree(content).path("stateDir");
      return value.isTextual() ? new ConfigParser(file).resolve(value.asText()) : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private HostConfig parseTree(JsonNode root) throws ConfigException {
    if (!root.isObject()) {
      throw new ConfigException(file, null, "the top level must be a JSON object, found "
          + kind(root) + "; wrap the settings in { }");
    }
    checkKeys(root, "", TOP_KEYS);
    JsonNode http = object(root, "http");
    JsonNode conflict = object(root, "portConflict");
    return new HostConfig(
        file == null ? null : file.toAbsolutePath(),
        optionalPath(root, "workspace"),
        personalTasks(root),
        optionalPath(root, "stateDir"),
        servers(root),
        policy(conflict),
        integer(conflict, "portConflict.maxBackoffMs", 30_000, 1_000, 600_000),
        integer(object(root, "reload"), "reload.scanPeriodMs", 1_000, 100, 60_000),
        strings(http, "http.allowedHosts"),
        strings(http, "http.allowedOrigins"),
        (int) integer(http, "http.maxBodyBytes", 65_536, 1_024, 16 * 1024 * 1024),
        integer(root, "shutdownTimeoutMs", 5_000, 0, 60_000));
  }

  private PersonalTasksConfig personalTasks(JsonNode root) throws ConfigException {
    JsonNode node = root.get("personalTasks");
    if (node != null && node.isNull()) {
      return null;
    }
    JsonNode personal = object(root, "personalTasks");
    checkKeys(personal, "personalTasks.", Set.of("file", "client", "display"));
    return new PersonalTasksConfig(
        text(personal, "personalTasks.file", "roksys/tasks.json"),
        text(personal, "personalTasks.client", "roksys-personal"),
        text(personal, "personalTasks.display", "Roksys (Personal/Business)"));
  }

  private Map<String, ServerConfig> servers(JsonNode root) throws ConfigException {
    JsonNode servers = object(root, "servers");
    checkKeys(servers, "servers.", DEFAULT_PORTS.keySet());
    Map<String, ServerConfig> result = new LinkedHashMap<>();
    for (String name : List.of(HostConfig.TASK_MANAGER, HostConfig.TASK_NOTES)) {
      String prefix = "servers." + name + ".";
      JsonNode server = object(servers, prefix.substring(0, prefix.length() - 1));
      checkKeys(server, prefix, Set.of("enabled", "host", "port"));
      result.put(name, new ServerConfig(name,
          bool(server, prefix + "enabled", true),
          host(server, prefix + "host"),
          (int) integer(server, prefix + "port", DEFAULT_PORTS.get(name), 1, 65_535)));
    }
    checkDistinctPorts(result);
    return java.util.Collections.unmodifiableMap(result);
  }

  private void checkDistinctPorts(Map<String, ServerConfig> servers) throws ConfigException {
    ServerConfig manager = servers.get(HostConfig.TASK_MANAGER);
    ServerConfig notes = servers.get(HostConfig.TASK_NOTES);
    if (manager.enabled() && notes.enabled() && manager.port() == notes.port()) {
      throw new ConfigException(file, "servers.task-notes.port", "port " + notes.port()
          + " is also the port of task-manager; give each server its own port");
    }
  }

  private String host(JsonNode server, String key) throws ConfigException {
    String host = text(server, key, "127.0.0.1");
    if (host.isBlank() || host.contains("/") || host.contains(" ")) {
      throw new ConfigException(file, key, "\"" + host + "\" is not a host name or IP address;"
          + " use 127.0.0.1 to listen on this Mac only");
    }
    return host;
  }

  private String policy(JsonNode conflict) throws ConfigException {
    checkKeys(conflict, "portConflict.", Set.of("policy", "maxBackoffMs"));
    String policy = text(conflict, "portConflict.policy", "retry");
    if (!policy.equals("retry")) {
      throw new ConfigException(file, "portConflict.policy", "\"" + policy
          + "\" is not a known policy; use \"retry\"");
    }
    return policy;
  }

  private JsonNode object(JsonNode parent, String key) throws ConfigException {
    String field = lastSegment(key);
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!node.isObject()) {
      throw typeError(key, node, "an object { }");
    }
    if (key.equals("reload")) {
      checkKeys(node, "reload.", Set.of("scanPeriodMs"));
    } else if (key.equals("http")) {
      checkKeys(node, "http.", Set.of("allowedHosts", "allowedOrigins", "maxBodyBytes"));
    }
    return node;
  }

  private void checkKeys(JsonNode node, String prefix, Set<String> allowed) throws ConfigException {
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ConfigException(file, prefix + name, "unknown key; the keys allowed here are "
            + String.join(", ", allowed.stream().sorted().toList())
            + " (names are camelCase)");
      }
    }
  }

  private long integer(JsonNode parent, String key, long fallback, long min, long max)
      throws ConfigException {
    JsonNode node = parent.get(lastSegment(key));
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToExactIntegral() || !node.isNumber()) {
      throw typeError(key, node, "a whole number from " + min + " to " + max);
    }
    long value = node.canConvertToLong() ? node.asLong() : Long.MAX_VALUE;
    if (value < min || value > max || !node.canConvertToLong()) {
      throw new ConfigException(file, key, node.asText() + " is out of range; use a value from "
          + min + " to " + max);
    }
    return value;
  }

  private boolean bool(JsonNode parent, String key, boolean fallback) throws ConfigException {
    JsonNode node = parent.get(lastSegment(key));
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw typeError(key, node, "true or false");
    }
    return node.asBoolean();
  }

  private String text(JsonNode parent, String key, String fallback) throws ConfigException {
    JsonNode node = parent.get(lastSegment(key));
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw typeError(key, node, "a string");
    }
    return node.asText();
  }

  private List<String> strings(JsonNode parent, String key) throws ConfigException {
    JsonNode node = parent.get(lastSegment(key));
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw typeError(key, node, "a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw typeError(key, item, "a list of non-empty strings");
      }
      values.add(item.asText());
    }
    return List.copyOf(values);
  }

  private Path optionalPath(JsonNode parent, String key) throws ConfigException {
    String value = text(parent, key, null);
    if (value != null && value.isBlank()) {
      throw new ConfigException(file, key, "the path is empty; give a folder or null");
    }
    return value == null ? null : resolve(value);
  }

  private Path resolve(String value) {
    String expanded = value.equals("~") || value.startsWith("~/")
        ? System.getProperty("user.home") + value.substring(1)
        : value;
    return baseDir.resolve(expanded).normalize().toAbsolutePath();
  }

  private ConfigException typeError(String key, JsonNode node, String expected) {
    return new ConfigException(file, key, "expected " + expected + ", found " + kind(node)
        + " " + abbreviate(node.toString()));
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private static String lastSegment(String key) {
    for (String server : DEFAULT_PORTS.keySet()) {
      if (key.equals("servers." + server)) {
        return server;
      }
    }
    int dot = key.lastIndexOf('.');
    return dot < 0 ? key : key.substring(dot + 1);
  }
}
