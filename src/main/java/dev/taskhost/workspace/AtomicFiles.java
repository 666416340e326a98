package dev.taskhost.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces files so that a reader, or a crash at any point (kill -9 included), finds either the old
 * bytes or the new bytes and never a mix. The steps: write a temporary file in the same folder,
 * fsync it, rename it over the target, fsync the folder.
 */
final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  private static volatile boolean folderSyncWarned;

  private AtomicFiles() {}

  /** Checked just before the rename: false stops the write and leaves the target untouched. */
  @FunctionalInterface
  interface Precondition {
    boolean stillValid() throws IOException;
  }

  /**
   * Writes {@code bytes} to {@code target} durably.
   *
   * @return false when {@code precondition} failed, in which case nothing was replaced
   */
  static boolean replace(Path target, byte[] bytes, Precondition precondition) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      copyPermissions(target, temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // NOTE: another program can still write the target between this check and the
      // rename. The window is a few system calls wide, and no portable lock closes it.
      if (!precondition.stillValid()) {
        return false;
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
      }
      moved = true;
      syncFolder(folder);
      return true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Keeps the target's permissions; a new file gets rw-r--r-- rather than the temp file's
   * rw-------.
   */
  private static void copyPermissions(Path target, Path temp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE_PERMISSIONS;
    view.setPermissions(permissions);
  }

  /**
   * Makes the rename itself durable. Some platforms cannot open a folder for fsync; that is logged
   * once.
   */
  static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!folderSyncWarned) {
        folderSyncWarned = true;
        LOG.warn(
            "Cannot fsync folder {} after a rename ({}); renames rely on the file system's own"
                + " ordering",
            folder,
            e.toString());
      }
    }
  }
}
