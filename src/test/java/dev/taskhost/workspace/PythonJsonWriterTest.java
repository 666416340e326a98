package dev.taskhost.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer against goldens made by Python's json.dump(data, f, indent=2), see
 * golden/make-golden.py.
 */
class PythonJsonWriterTest {

  static Stream<String> goldenFixtures() throws IOException {
    Path goldens = Fixtures.golden().resolve("fixtures");
    try (Stream<Path> files = Files.walk(goldens)) {
      return files
          .filter(Files::isRegularFile)
          .map(path -> goldens.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("goldenFixtures")
  void fixtureRoundTripMatchesPython(String relative) throws Exception {
    byte[] input = Files.readAllBytes(Fixtures.root().resolve(relative));
    byte[] expected = Files.readAllBytes(Fixtures.golden().resolve("fixtures").resolve(relative));

    byte[] actual = PythonJsonWriter.dumpIndented(PythonJsonReader.parse(input));

    assertThat(new String(actual, StandardCharsets.US_ASCII))
        .isEqualTo(new String(expected, StandardCharsets.US_ASCII));
  }

  @Test
  void goldenCoversEveryTaskFile() throws Exception {
    assertThat(goldenFixtures().filter(name -> name.startsWith("workspace/")).count())
        .isEqualTo(25);
  }

  @ParameterizedTest
  @ValueSource(strings = {"numbers", "strings"})
  void valuesMatchPython(String name) throws Exception {
    byte[] input = Files.readAllBytes(Fixtures.golden().resolve(name + "-input.json"));
    byte[] expected = Files.readAllBytes(Fixtures.golden().resolve(name + ".json"));

    byte[] actual = PythonJsonWriter.dumpIndented(PythonJsonReader.parse(input));

    assertThat(new String(actual, StandardCharsets.US_ASCII))
        .isEqualTo(new String(expected, StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @CsvSource({
    "1e-05, 0.00001",
    "0.0001, 0.0001",
    "1e+16, 1e16",
    "1000000000000000.0, 1e15",
    "100.0, 100",
    "2e-07, 2e-7",
    "1.5e+300, 1.5e300",
    "-0.0, -0.0",
    "5e-324, 4.9e-324",
    "0.30000000000000004, 0.30000000000000004",
  })
  void floatReprMatchesPython(String python, double value) {
    assertThat(PythonFloats.repr(value)).isEqualTo(python);
  }

  @Test
  void shortestDigitsWhereJava17IsLonger() {
    // Java 17's Double.toString(2e23) gives "2.0000000000000002E23"; Python writes 2e+23.
    assertThat(PythonFloats.repr(2e23)).isEqualTo("2e+23");
  }

  @Test
  void httpDumpWritesNonFiniteAsNull() {
    byte[] json =
        PythonJsonWriter.dumpForHttp(
            List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.5, Map.of("a", "\u00e9")));

    assertThat(new String(json, StandardCharsets.US_ASCII))
        .isEqualTo("[null, null, 1.5, {\"a\": \"\\u00e9\"}]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "empty.json",
        "whitespace-only.json",
        "invalid-json.json",
        "truncated.json",
        "truncated-at-char-boundary.json",
        "invalid-utf8.json",
        "deeply-nested.json"
      })
  void brokenFixtureIsParseError(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.root().resolve("broken").resolve(name));

    assertThatThrownBy(() -> PythonJsonReader.parse(bytes)).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void depthLimitIsOneThousand() throws Exception {
    String ok = "[".repeat(1000) + "]".repeat(1000);
    String tooDeep = "[".repeat(1001) + "]".repeat(1001);

    assertThat(PythonJsonReader.parse(ok.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(List.class);
    assertThatThrownBy(() -> PythonJsonReader.parse(tooDeep.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(JsonFormatException.class);
  }

  @Test
  void duplicateKeyKeepsFirstPositionLastValue() throws Exception {
    Object root =
        PythonJsonReader.parse(
            "{\"a\": 1, \"b\": 2, \"a\": 3}".getBytes(StandardCharsets.US_ASCII));

    assertThat(new String(PythonJsonWriter.dumpIndented(root), StandardCharsets.US_ASCII))
        .isEqualTo("{\n  \"a\": 3,\n  \"b\": 2\n}");
  }

  @Test
  void extraDataAfterValueIsParseError() {
    assertThatThrownBy(() -> PythonJsonReader.parse("{} {}".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("extra data");
  }
}
