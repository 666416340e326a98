package dev.taskhost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {
  private static final Path FILE = Path.of("/home/user/taskhost/conf/taskhost.json");

  private static HostConfig parse(String json) throws ConfigException {
    return ConfigParser.parse(FILE, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyObjectGivesDefaults() throws Exception {
    HostConfig config = parse("{}");

    assertThat(config.server("task-manager").port()).isEqualTo(8767);
    assertThat(config.server("task-notes").port()).isEqualTo(5002);
    assertThat(config.server("task-notes").host()).isEqualTo("127.0.0.1");
    assertThat(config.workspace()).isNull();
    assertThat(config.maxBodyBytes()).isEqualTo(65_536);
    assertThat(config.shutdownTimeoutMs()).isEqualTo(5_000);
    assertThat(config.personalTasks().client()).isEqualTo("roksys-personal");
  }

  @Test
  void bundledConfigIsValid() throws Exception {
    HostConfig config = ConfigParser.parse(FILE, Files.readAllBytes(Path.of("conf/taskhost.json")));

    assertThat(config.server("task-manager").enabled()).isTrue();
    assertThat(config.scanPeriodMs()).isEqualTo(1_000);
  }

  @Test
  void relativePathsResolveAgainstConfigFolder() throws Exception {
    HostConfig config = parse("{\"workspace\": \"../ws\", \"stateDir\": \"state\"}");

    assertThat(config.workspace()).isEqualTo(Path.of("/home/user/taskhost/ws"));
    assertThat(config.stateDir()).isEqualTo(Path.of("/home/user/taskhost/conf/state"));
  }

  @Test
  void tildeExpandsToHome() throws Exception {
    HostConfig config = parse("{\"workspace\": \"~/tasks\"}");

    assertThat(config.workspace()).isEqualTo(Path.of(System.getProperty("user.home"), "tasks"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|the file is empty",
      "'   \n'|the file is empty",
      "'{\"servers\": {'|invalid JSON at line 1",
      "'[]'|the top level must be a JSON object",
      "'{\"port\": 1}'|port: unknown key",
      "'{\"servers\": {\"task-notes\": {\"port\": 70000}}}'|servers.task-notes.port: 70000 is out of range",
      "'{\"servers\": {\"task-notes\": {\"port\": 0}}}'|servers.task-notes.port: 0 is out of range",
      "'{\"servers\": {\"task-notes\": {\"port\": \"5002\"}}}'|servers.task-notes.port: expected a whole number",
      "'{\"servers\": {\"task-notes\": {\"port\": 8767}}}'|is also the port of task-manager",
      "'{\"servers\": {\"task-manger\": {}}}'|servers.task-manger: unknown key",
      "'{\"servers\": {\"task-notes\": {\"enabled\": \"no\"}}}'|servers.task-notes.enabled: expected true or false",
      "'{\"http\": {\"maxBodyBytes\": 10}}'|http.maxBodyBytes: 10 is out of range",
      "'{\"http\": {\"allowedOrigins\": \"x\"}}'|http.allowedOrigins: expected a list",
      "'{\"portConflict\": {\"policy\": \"exit\"}}'|portConflict.policy",
      "'{\"reload\": {\"scanPeriod\": 5}}'|reload.scanPeriod: unknown key",
      "'{\"workspace\": 5}'|workspace: expected a string",
      "'{\"a\": 1, \"a\": 2}'|invalid JSON",
      "'{} {}'|invalid JSON",
  })
  void invalidFileNamesKeyAndReason(String json, String expected) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(FILE.toString())
        .hasMessageContaining(expected);
  }

  @Test
  void disabledServerMayShareItsPort() throws Exception {
    HostConfig config = parse("{\"servers\": {\"task-notes\": {\"enabled\": false, \"port\": 8767}}}");

    assertThat(config.server("task-notes").enabled()).isFalse();
  }

  @Test
  void stateDirReadFromInvalidFile() {
    Path stateDir = ConfigParser.stateDirOf(FILE,
        "{\"stateDir\": \"/srv/state\", \"servers\": 5}".getBytes(StandardCharsets.UTF_8));

    assertThat(stateDir).isEqualTo(Path.of("/srv/state"));
  }

  @Test
  void stateDirOfUnparseableFileIsNull() {
    assertThat(ConfigParser.stateDirOf(FILE, "{".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
