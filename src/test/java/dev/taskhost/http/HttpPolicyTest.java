package dev.taskhost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpPolicyTest {
  private final HttpPolicy policy = new HttpPolicy(8767, List.of("tasks.local"),
      List.of("http://tools.local:9000/"), 65_536);

  @ParameterizedTest
  @ValueSource(strings = {"localhost:5002", "127.0.0.1:5002", "[::1]:5002", "LOCALHOST:5002",
      "tasks.local:5002"})
  void loopbackHostsAllowed(String host) {
    assertThat(policy.hostAllowed(host, "127.0.0.1", 5002)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example:5002", "localhost:8767", "localhost", "127.0.0.1.nip.io:5002",
      "localhost:5002.evil", ""})
  void foreignHostsRejected(String host) {
    assertThat(policy.hostAllowed(host, "127.0.0.1", 5002)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8767", "http://127.0.0.1:8767", "http://[::1]:8767",
      "http://tools.local:9000"})
  void pageOriginsAllowed(String origin) {
    assertThat(policy.originAllowed(origin)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "http://localhost:8767.example.test", "https://localhost:8767",
      "http://localhost:5002", "http://evil.example", "http://localhost"})
  void foreignOriginsRejected(String origin) {
    assertThat(policy.originAllowed(origin)).isFalse();
  }

  @Test
  void originsFollowManagerPort() {
    policy.update(9999, List.of(), List.of(), 1024);

    assertThat(policy.originAllowed("http://localhost:9999")).isTrue();
    assertThat(policy.originAllowed("http://localhost:8767")).isFalse();
    assertThat(policy.maxBodyBytes()).isEqualTo(1024);
  }
}
