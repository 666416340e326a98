package dev.taskhost.page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Starts the servers for a browser test. The system property
 * `taskhost.page.host` picks `jar` (the built target/taskhost.jar), `stub`
 * (the in-process stand-in) or `auto` (the default): the jar when it contains
 * both server packages, else the stub.
 */
final class Hosts {

    private static final Logger LOG = LoggerFactory.getLogger(Hosts.class);
    private static final List<String> SERVER_PACKAGES = List.of("dev/taskhost/manager/", "dev/taskhost/notes/");

    private Hosts() {
    }

    /** Returns the fixtures folder that Failsafe passes as `taskhost.fixtures`. */
    static Path fixtures() {
        return Path.of(System.getProperty("taskhost.fixtures", "src/test/resources/fixtures"));
    }

    /**
     * Starts a host over a fresh copy of the fixture workspace in `tempDir`.
     * With `needsTaskStore`, `auto` means the stub.
     */
    // TODO: drop needsTaskStore once the jar's task store loads the workspace and saves notes;
    // until then every TaskPageIT runs against the stub unless taskhost.page.host=jar.
    static TaskhostUnderTest start(Path tempDir, boolean needsTaskStore) throws Exception {
        Path workspace = tempDir.resolve("workspace");
        copyTree(fixtures().resolve("workspace"), workspace);
        int managerPort = freePort();
        int notesPort = freePort();
        Path jar = Path.of(System.getProperty("taskhost.jar", "target/taskhost.jar"));
        String choice = System.getProperty("taskhost.page.host", "auto");
        boolean useJar = choice.equals("jar") || (choice.equals("auto") && !needsTaskStore && hasServers(jar));
        if (useJar) {
            LOG.info("Browser tests run against {}", jar);
            return new JarHost(jar, workspace, tempDir, managerPort, notesPort);
        }
        LOG.warn("Browser tests run against the stub host, not {}", jar);
        return new StubHost(workspace, managerPort, notesPort);
    }

    private static boolean hasServers(Path jar) {
        if (!Files.isRegularFile(jar)) return false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return SERVER_PACKAGES.stream().allMatch(prefix -> zip.stream().anyMatch(entry -> entry.getName().startsWith(prefix)));
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", jar, e.toString());
            return false;
        }
    }

    /** Returns a port that was free on 127.0.0.1 a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        }
    }
}
