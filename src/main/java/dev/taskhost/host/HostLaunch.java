package dev.taskhost.host;

import dev.taskhost.config.ConfigException;
import dev.taskhost.config.ConfigLocation;
import dev.taskhost.config.HostConfig;
import dev.taskhost.guard.InstanceLock;
import java.nio.file.Path;

/**
 * Everything {@code run} settled before the host starts: the lock is held, and the
 * config is either valid ({@code config}) or rejected ({@code error}).
 */
public record HostLaunch(ConfigLocation location, Path stateDir, InstanceLock lock,
    HostConfig config, ConfigException error, byte[] configContent, String version,
    String supervisor, Signals signals) {
}
