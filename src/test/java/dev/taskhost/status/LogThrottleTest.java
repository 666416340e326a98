package dev.taskhost.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThrottleTest {
  @Test
  void firstOccurrenceLogs() {
    assertThat(new LogThrottle(1_000).admit(0)).isZero();
  }

  @Test
  void repeatsWithinIntervalSuppressed() {
    LogThrottle throttle = new LogThrottle(1_000);
    throttle.admit(0);

    assertThat(throttle.admit(10)).isEqualTo(-1);
    assertThat(throttle.admit(999)).isEqualTo(-1);
    assertThat(throttle.admit(1_000)).isEqualTo(2);
  }

  @Test
  void resetLogsNextAtOnce() {
    LogThrottle throttle = new LogThrottle(1_000);
    throttle.admit(0);

    throttle.reset();

    assertThat(throttle.admit(1)).isZero();
  }
}
