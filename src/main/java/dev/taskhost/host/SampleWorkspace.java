package dev.taskhost.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample workspace bundled in the jar, copied into the state folder on first
 * start so that a fresh clone shows tasks without touching tracked files.
 */
final class SampleWorkspace {
  private static final Logger LOG = LoggerFactory.getLogger(SampleWorkspace.class);
  static final String FOLDER = "sample-workspace";
  private static final String INDEX = "/sample-workspace.index";

  private SampleWorkspace() {
  }

  /** Returns the copy in {@code stateDir}, making it first if it does not exist. */
  static Path ensure(Path stateDir) throws IOException {
    Path target = stateDir.resolve(FOLDER);
    if (Files.isDirectory(target)) {
      return target;
    }
    Path staging = Files.createTempDirectory(stateDir, FOLDER + ".");
    for (String file : index()) {
      try (InputStream in = SampleWorkspace.class.getResourceAsStream("/" + FOLDER + "/" + file)) {
        if (in == null) {
          throw new IOException("the jar lacks " + FOLDER + "/" + file + "; rebuild it");
        }
        Path copy = staging.resolve(file);
        Files.createDirectories(copy.getParent());
        Files.copy(in, copy);
      }
    }
    // One rename, so an interrupted copy never looks like a finished one.
    Files.move(staging, target);
    LOG.info("Copied the bundled sample workspace to {}", target);
    return target;
  }

  private static List<String> index() throws IOException {
    try (InputStream in = SampleWorkspace.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IOException("the jar lacks " + INDEX + "; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.contains("..")).toList();
    }
  }
}
