package dev.taskhost.status;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code <stateDir>/status.json}: the last snapshot, written atomically. */
public final class StatusFile {
  public static final String FILE_NAME = "status.json";

  private final Path path;

  public StatusFile(Path stateDir) {
    this.path = stateDir.resolve(FILE_NAME);
  }

  public Path path() {
    return path;
  }

  /** Replaces the file in one rename, so a reader never sees half a snapshot. */
  public void write(JsonObject snapshot) throws IOException {
    Path temp = Files.createTempFile(path.getParent(), FILE_NAME, ".tmp");
    try {
      Files.write(temp, snapshot.encodePrettily().getBytes(StandardCharsets.UTF_8));
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
