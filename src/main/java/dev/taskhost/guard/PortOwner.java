package dev.taskhost.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the process listening on a TCP port, where the OS reports it: from /proc on
 * Linux, from lsof elsewhere (macOS). Processes of other users may stay unnamed.
 */
public final class PortOwner {
  private static final Path PROC = Path.of("/proc");

  private PortOwner() {
  }

  /** Returns the listener as "PID n (command)", or empty when the OS does not report it. */
  public static Optional<String> describe(int port) {
    Optional<Long> pid = Files.isDirectory(PROC.resolve("net")) ? fromProc(port) : fromLsof(port);
    return pid.map(p -> "PID " + p + HostProcess.commandLine(p).map(c -> " (" + abbreviate(c) + ")")
        .orElse(""));
  }

  /** Returns the PID of the listener, or empty. */
  public static Optional<Long> pid(int port) {
    return Files.isDirectory(PROC.resolve("net")) ? fromProc(port) : fromLsof(port);
  }

  private static Optional<Long> fromProc(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      inodes.addAll(listeningInodes(PROC.resolve("net").resolve(table), port));
    }
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (ownsSocket(process, inodes)) {
          return Optional.of(Long.parseLong(process.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Set<String> listeningInodes(Path table, int port) {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    try {
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        String[] fields = line.strip().split("\\s+");
        // fields: sl local_address rem_address st ... inode (index 9); 0A is LISTEN.
        if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
          inodes.add(fields[9]);
        }
      }
    } catch (IOException e) {
      return inodes;
    }
    return inodes;
  }

  private static boolean ownsSocket(Path process, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
    return false;
  }

  private static Optional<Long> fromLsof(int port) {
    try {
      Process lsof = new ProcessBuilder("lsof", "-nP", "-t", "-iTCP:" + port, "-sTCP:LISTEN")
          .redirectErrorStream(true).start();
      String output = new String(lsof.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!lsof.waitFor(3, TimeUnit.SECONDS)) {
        lsof.destroyForcibly();
        return Optional.empty();
      }
      return output.lines().map(String::strip).filter(l -> l.matches("\\d+")).findFirst()
          .map(Long::parseLong);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
