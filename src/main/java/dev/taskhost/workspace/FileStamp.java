package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Size, modification time and file key (the inode on POSIX) of a file, compared to notice that
 * another program replaced or edited it. An atomic rename changes the file key even when size and
 * time match.
 *
 * @param fileKey null where the file system has none
 */
record FileStamp(long size, FileTime modified, Object fileKey) {
  /** Stamp of a file that does not exist. */
  static final FileStamp MISSING = new FileStamp(-1, FileTime.fromMillis(0), null);

  static FileStamp of(Path path) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (NoSuchFileException e) {
      return MISSING;
    }
  }

  boolean exists() {
    return size >= 0;
  }

  boolean sameAs(FileStamp other) {
    return other != null
        && size == other.size
        && modified.equals(other.modified)
        && Objects.equals(fileKey, other.fileKey);
  }
}
