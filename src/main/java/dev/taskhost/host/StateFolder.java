package dev.taskhost.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Housekeeping in the state folder, done at start while the host holds the lock. */
final class StateFolder {
  private static final Logger LOG = LoggerFactory.getLogger(StateFolder.class);

  private StateFolder() {
  }

  /**
   * Deletes the file caches that Vert.x left behind. Vert.x removes its cache on a
   * clean stop, but a kill -9 leaves it, and the lock means no other host uses it.
   */
  static void removeStaleFileCaches(Path stateDir) {
    try (DirectoryStream<Path> caches = Files.newDirectoryStream(stateDir, "file-cache*")) {
      for (Path cache : caches) {
        deleteTree(cache);
        LOG.info("Removed {}, left by a host that did not stop cleanly", cache);
      }
    } catch (IOException e) {
      LOG.warn("Failed to remove old file caches in {}: {}", stateDir, e.getMessage());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    }
  }
}
