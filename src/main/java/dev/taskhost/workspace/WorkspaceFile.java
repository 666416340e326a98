package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One JSON file of the workspace as last read or written: its stamp, a checksum of its bytes, and
 * either its parsed tree or the reason it could not be parsed.
 *
 * <p>The tree is shared read-only once the instance is published. Writers parse a fresh tree.
 *
 * @param relativePath path relative to the workspace root, with "/" separators
 * @param root parsed document; null when the document is JSON null, the file is missing, or {@code
 *     error} is set
 * @param error why the file could not be read or parsed, else null
 */
record WorkspaceFile(
    String relativePath, Path path, FileStamp stamp, byte[] digest, Object root, String error) {

  /**
   * Reads and parses {@code path}. A missing file gives a stamp that is not {@link
   * FileStamp#exists()}.
   */
  static WorkspaceFile read(String relativePath, Path path) {
    try {
      FileStamp stamp;
      byte[] bytes;
      // Read until the stamp is stable, so a file written in place while we read it is read again.
      int attempts = 0;
      while (true) {
        stamp = FileStamp.of(path);
        if (!stamp.exists()) {
          return new WorkspaceFile(relativePath, path, stamp, null, null, null);
        }
        bytes = Files.readAllBytes(path);
        if (FileStamp.of(path).sameAs(stamp) || ++attempts >= 3) {
          break;
        }
      }
      return parsed(relativePath, path, stamp, bytes);
    } catch (IOException e) {
      return new WorkspaceFile(
          relativePath, path, FileStamp.MISSING, null, null, "cannot be read: " + e);
    }
  }

  static WorkspaceFile parsed(String relativePath, Path path, FileStamp stamp, byte[] bytes) {
    byte[] digest = checksum(bytes);
    try {
      return new WorkspaceFile(
          relativePath, path, stamp, digest, PythonJsonReader.parse(bytes), null);
    } catch (JsonFormatException e) {
      return new WorkspaceFile(
          relativePath, path, stamp, digest, null, "is not valid JSON: " + e.getMessage());
    }
  }

  boolean exists() {
    return stamp.exists();
  }

  boolean sameContent(WorkspaceFile other) {
    return other != null && Arrays.equals(digest, other.digest) && exists() == other.exists();
  }

  /**
   * Returns the CRC32C of {@code bytes} followed by their length, 12 bytes in all. It detects
   * edits by other programs, not tampering: together with the file stamp an accidental match is
   * negligible, and the JVM computes CRC32C with a CPU instruction, where SHA-256 of the growing
   * notes queue took half the CPU time of a save under load.
   */
  static byte[] checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    return ByteBuffer.allocate(12).putInt((int) crc.getValue()).putLong(bytes.length).array();
  }
}
