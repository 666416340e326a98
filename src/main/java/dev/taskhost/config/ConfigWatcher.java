package dev.taskhost.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Polls the config file every {@code reload.scanPeriodMs} and reports each new
 * content once: valid content right away, invalid content only once it has stayed
 * the same for a second scan, so an editor's half-written save is not reported.
 * Reading by path also follows editors that save by renaming a temporary file.
 */
public final class ConfigWatcher {
  /** The result of a scan or a forced reload. */
  public record Outcome(HostConfig config, ConfigException error, boolean forced) {
  }

  private final Vertx vertx;
  private final Path file;
  private final Consumer<Outcome> listener;
  private long timer = -1;
  private byte[] lastSeen;
  private byte[] pendingInvalid;
  private boolean scanning;

  /** {@code initial} is the content the host started with, so it is not reported again. */
  public ConfigWatcher(Vertx vertx, Path file, byte[] initial, Consumer<Outcome> listener) {
    this.vertx = vertx;
    this.file = file;
    this.lastSeen = initial;
    this.listener = listener;
  }

  /** Starts polling; call on the host's context. */
  public void start(long scanPeriodMs) {
    stop();
    timer = vertx.setPeriodic(scanPeriodMs, id -> scan());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Re-reads the file now and reports the outcome even when nothing changed. */
  public Future<Void> reloadNow() {
    return read().map(content -> {
      lastSeen = content;
      pendingInvalid = null;
      listener.accept(outcomeOf(content, true));
      return null;
    });
  }

  private void scan() {
    if (scanning) {
      return;
    }
    scanning = true;
    read().onComplete(result -> {
      scanning = false;
      if (result.succeeded()) {
        examine(result.result());
      }
    });
  }

  private void examine(byte[] content) {
    if (Arrays.equals(content, lastSeen)) {
      pendingInvalid = null;
      return;
    }
    Outcome outcome = outcomeOf(content, false);
    if (outcome.error() != null && !Arrays.equals(content, pendingInvalid)) {
      pendingInvalid = content;
      return;
    }
    lastSeen = content;
    pendingInvalid = null;
    listener.accept(outcome);
  }

  private Outcome outcomeOf(byte[] content, boolean forced) {
    if (content == null) {
      return new Outcome(null, new ConfigException(file, null, "the file was deleted; restore"
          + " it to change the config"), forced);
    }
    try {
      return new Outcome(ConfigParser.parse(file, content), null, forced);
    } catch (ConfigException e) {
      return new Outcome(null, e, forced);
    }
  }

  // A missing file reads as null, so its deletion is reported like any change.
  private Future<byte[]> read() {
    return vertx.executeBlocking(() -> {
      try {
        return Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        return lastSeen;
      }
    });
  }
}
