package dev.taskhost.guard;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive OS lock on {@code <stateDir>/taskhost.lock} that makes a host the
 * only one. The OS drops it on any exit, kill -9 included, so it is never stale.
 *
 * <p>Two one-byte regions are used. The host region decides who runs: only
 * {@code run} ever tries it. The probe region is also held by the host, and
 * {@code status}, {@code stop} and {@code reload} test that one, so a probe can
 * never make a starting host believe another one runs.
 */
public final class InstanceLock {
  public static final String FILE_NAME = "taskhost.lock";
  private static final long HOST_REGION = 0;
  private static final long PROBE_REGION = 1;

  // Held for the life of the process: closing the channel would release the lock.
  private final FileChannel channel;
  private final FileLock hostLock;
  private final FileLock probeLock;

  private InstanceLock(FileChannel channel, FileLock hostLock, FileLock probeLock) {
    this.channel = channel;
    this.hostLock = hostLock;
    this.probeLock = probeLock;
  }

  /**
   * Takes the lock, or returns null when another process (or this JVM) holds it.
   *
   * @throws IOException when the state folder or the lock file cannot be used
   */
  public static InstanceLock tryAcquire(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    FileChannel channel = FileChannel.open(stateDir.resolve(FILE_NAME),
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock hostLock;
    try {
      hostLock = channel.tryLock(HOST_REGION, 1, false);
    } catch (OverlappingFileLockException e) {
      hostLock = null;
    }
    if (hostLock == null) {
      channel.close();
      return null;
    }
    // A probe locks this region for microseconds at most, so waiting is safe.
    FileLock probeLock = channel.lock(PROBE_REGION, 1, false);
    return new InstanceLock(channel, hostLock, probeLock);
  }

  /**
   * Returns whether a host holds the lock of {@code stateDir}. Never creates the folder
   * or the file, and never disturbs a host that is starting.
   */
  public static boolean isHeld(Path stateDir) {
    try (FileChannel channel = FileChannel.open(stateDir.resolve(FILE_NAME),
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock(PROBE_REGION, 1, false);
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      // An unreadable lock file cannot be held by a host of this user either.
      return false;
    }
  }

  /** Returns whether this process still owns the lock. */
  public boolean valid() {
    return hostLock.isValid() && probeLock.isValid() && channel.isOpen();
  }

  /** Releases the lock; only called at the very end of a clean shutdown. */
  public void release() {
    try {
      probeLock.release();
      hostLock.release();
      channel.close();
    } catch (IOException e) {
      // The OS releases the lock when the process exits a moment later anyway.
    }
  }
}
