package dev.taskhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunStartTest {
  @Test
  void plainOptionsParsed() {
    assertThat(RunStart.parsePlain(new String[] {"run"}))
        .isEqualTo(new RunStart.Options(null, false));
    assertThat(RunStart.parsePlain(new String[] {"run", "-c", "a.json", "--fail-fast"}))
        .isEqualTo(new RunStart.Options(Path.of("a.json"), true));
    assertThat(RunStart.parsePlain(new String[] {"run", "--fail-fast", "--config", "b.json"}))
        .isEqualTo(new RunStart.Options(Path.of("b.json"), true));
    assertThat(RunStart.parsePlain(new String[] {"run", "--config=c.json"}))
        .isEqualTo(new RunStart.Options(Path.of("c.json"), false));
  }

  @Test
  void defaultCommandReachesPlainParser() {
    assertThat(RunStart.parsePlain(Main.withDefaultCommand(new String[] {"-c", "a.json"})))
        .isEqualTo(new RunStart.Options(Path.of("a.json"), false));
  }

  // Everything else goes to picocli, which prints help or the usage error.
  @ParameterizedTest
  @ValueSource(strings = {"status", "run --help", "run -h", "run -V", "run -c", "run -ca.json",
      "run -c=a.json", "run -c a.json -c b.json", "run --fail-fast --fail-fast", "run -c -x",
      "run --config=", "run extra", "run --unknown", "run -- -c"})
  void otherArgumentsLeftToPicocli(String line) {
    assertThat(RunStart.parsePlain(line.split(" "))).isNull();
  }
}
