package dev.taskhost.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLocationTest {
  private static final Path FILE = Path.of("/srv/conf/taskhost.json");

  // run reads the state folder without Jackson; it must find the same folder.
  @ParameterizedTest
  @ValueSource(strings = {"{\"stateDir\": \"/srv/state\"}", "{\"stateDir\": \"state\"}",
      "{\"stateDir\": \"../var/./state\"}", "{\"stateDir\": \"~\"}", "{\"stateDir\": \"~/st\"}",
      "{\"stateDir\": \"~other\"}", "{\"stateDir\": \"\"}", "{\"stateDir\": null}",
      "{\"stateDir\": 5}", "{\"stateDir\": \"/a\", \"servers\": 5}", "{}", "[]", "\"x\"", "",
      "{", "{\"stateDir\": \"/a\",}", "{\"stateDir\": \"/a\"} {}",
      "{\"stateDir\": \"/a\", \"stateDir\": \"/b\"}", "{\"x\": {\"y\": 1, \"y\": 2},"
      + " \"stateDir\": \"/a\"}", "\uFEFF{\"stateDir\": \"/bom\"}",
      "{\"stateDir\": \"/caf\\u00e9\"}", "{\"stateDir\": \"/nul\\u0000\"}"})
  void stateDirMatchesConfigParser(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

    assertThat(ConfigLocation.stateDirOf(FILE, bytes))
        .isEqualTo(ConfigParser.stateDirOf(FILE, bytes));
  }
}
