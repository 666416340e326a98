package dev.taskhost.status;

/** The host's overall state, readable from any thread without a bus round trip. */
public final class HostState {
  private volatile String state = "starting";

  public String get() {
    return state;
  }

  public void set(String state) {
    this.state = state;
  }
}
