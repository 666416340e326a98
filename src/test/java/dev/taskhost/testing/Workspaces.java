package dev.taskhost.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies fixture workspaces into temporary folders, so tests can write to them. */
public final class Workspaces {
  private Workspaces() {
  }

  /** The fixtures folder of the test resources. */
  public static Path fixtures() {
    return Path.of(System.getProperty("taskhost.fixtures", "src/test/resources/fixtures"))
        .toAbsolutePath();
  }

  /** Every file under {@code root} with the SHA-256 of its bytes, to prove nothing changed. */
  public static java.util.SortedMap<String, String> digest(Path root) throws IOException {
    java.util.SortedMap<String, String> digests = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        try {
          byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
          digests.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(hash));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return digests;
  }

  /** Copies {@code fixtures/<name>} into {@code target} and returns the copy. */
  public static Path copy(String name, Path target) throws IOException {
    Path source = fixtures().resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
          copy.toFile().setWritable(true);
        }
      }
    }
    return target;
  }
}
