package dev.taskhost.http;

import dev.taskhost.status.HostState;
import dev.taskhost.workspace.TaskStore;

/**
 * What both servers share: the task store, the request rules and the host state.
 * The store is swapped as a whole when the config names another workspace.
 */
public final class ServerContext {
  private final HttpPolicy policy;
  private final HostState hostState;
  private volatile TaskStore store;

  public ServerContext(TaskStore store, HttpPolicy policy, HostState hostState) {
    this.store = store;
    this.policy = policy;
    this.hostState = hostState;
  }

  public TaskStore store() {
    return store;
  }

  /** Serves {@code next} from now on and returns the store it replaces. */
  public TaskStore swapStore(TaskStore next) {
    TaskStore previous = store;
    store = next;
    return previous;
  }

  public HttpPolicy policy() {
    return policy;
  }

  public HostState hostState() {
    return hostState;
  }
}
