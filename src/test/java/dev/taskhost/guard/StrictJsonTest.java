package dev.taskhost.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  private static Object parse(String text) {
    return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void objectKeepsOrderAndTypes() {
    Object value = parse("\uFEFF {\"b\": [1, -2.5e1, true, null], \"a\": {\"port\": 8767},"
        + " \"s\": \"x\\u00e9\\n\\\"\"} ");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> root = (Map<?, ?>) value;
    assertThat(List.copyOf(root.keySet())).isEqualTo(List.of("b", "a", "s"));
    assertThat(root.get("b")).isEqualTo(java.util.Arrays.asList(1L, -25.0, true, null));
    assertThat(((Map<?, ?>) root.get("a")).get("port")).isEqualTo(8767L);
    assertThat(root.get("s")).isEqualTo("x\u00e9\n\"");
  }

  @Test
  void surrogatePairEscapeDecodes() {
    assertThat(parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void hugeIntegerBecomesDouble() {
    assertThat(parse("123456789012345678901234567890")).isInstanceOf(Double.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "{\"a\": 1,}", "[1,]", "{'a': 1}", "{a: 1}", "01",
      "+1", ".5", "1.", "1e", "tru", "nul", "{\"a\": 1} x", "{\"a\": 1}{}", "// c\n{}",
      "{\"a\": 1, \"a\": 2}", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"open", "NaN",
      "[1 2]", "{\"a\" 1}"})
  void invalidJsonRejected(String text) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON at offset");
  }
}
