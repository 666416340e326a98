package dev.taskhost.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskhost.testing.RawHttp;
import dev.taskhost.testing.TaskhostProcess;
import dev.taskhost.testing.Workspaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Both servers against hostile pages and bad input, on the real jar. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MANAGER_ROUTES = List.of("/", "/tasks-manager.html",
      "/tasks-overview-priority.html", "/dashboard.html", "/health", "/api/status", "/api/tasks",
      "/api/events", "/no-such-file.css");
  private static final List<String> NOTES_ROUTES = List.of("/health", "/api/status", "/api/tasks",
      "/notes-count", "/api/notes", "/regenerate", "/save-note");

  @TempDir
  static Path home;

  private TaskhostProcess host;
  private Path workspace;
  private SortedMap<String, String> before;

  @BeforeAll
  void start() throws Exception {
    workspace = Workspaces.copy("workspace", home.resolve("ws"));
    host = TaskhostProcess.create(home, workspace);
    host.startAndAwait();
    before = Workspaces.digest(workspace);
  }

  @AfterAll
  void stop() {
    host.close();
  }

  @Test
  void foreignHostGets403OnEveryRoute() throws Exception {
    for (String route : MANAGER_ROUTES) {
      assertForbidden(host.managerPort(), "GET " + route, "evil.example:" + host.managerPort());
      assertForbidden(host.managerPort(), "GET " + route, "localhost:" + host.notesPort());
    }
    for (String route : NOTES_ROUTES) {
      assertForbidden(host.notesPort(), "GET " + route, "attacker.test:" + host.notesPort());
      assertForbidden(host.notesPort(), "GET " + route, "localhost");
    }
    assertWorkspaceUnchanged();
  }

  @Test
  void foreignHostCannotPostNote() throws Exception {
    RawHttp.Response response = post(host.notesPort(), "rebind.example:" + host.notesPort(), null,
        "application/json", noteFor("721754ef-2904-4cec-b5bb-9188b80599e9"));

    assertThat(response.status()).isEqualTo(403);
    assertWorkspaceUnchanged();
  }

  @Test
  void preflightAllowedOnlyForPageOrigins() throws Exception {
    for (String origin : List.of("http://localhost:" + host.managerPort(),
        "http://127.0.0.1:" + host.managerPort())) {
      RawHttp.Response response = preflight(origin);
      assertThat(response.status()).as(origin).isEqualTo(204);
      assertThat(response.header("Access-Control-Allow-Origin")).as(origin).isEqualTo(origin);
      assertThat(response.header("Access-Control-Allow-Origin")).isNotEqualTo("*");
    }
    for (String origin : List.of("null", "http://localhost:" + host.managerPort() + ".example.test",
        "http://evil.example", "https://localhost:" + host.managerPort(),
        "http://localhost:" + host.notesPort(), "http://127.0.0.1.evil.example:" + host.managerPort())) {
      RawHttp.Response response = preflight(origin);
      assertThat(response.header("Access-Control-Allow-Origin")).as(origin).isNull();
    }
  }

  @Test
  void foreignOriginCannotWrite() throws Exception {
    for (String origin : List.of("null", "http://evil.example",
        "http://localhost:" + host.managerPort() + ".example.test")) {
      RawHttp.Response response = post(host.notesPort(), "localhost:" + host.notesPort(), origin,
          "application/json", noteFor("721754ef-2904-4cec-b5bb-9188b80599e9"));
      assertThat(response.status()).as(origin).isEqualTo(403);
      assertThat(response.header("Access-Control-Allow-Origin")).isNull();
      assertJsonError(response);
    }
    assertWorkspaceUnchanged();
  }

  @Test
  void simplePostsGet415() throws Exception {
    String note = noteFor("721754ef-2904-4cec-b5bb-9188b80599e9");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "application/jsonp", "text/json")) {
      String body = type.startsWith("multipart")
          ? "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
              + note + "\r\n--xyz--\r\n"
          : note;
      RawHttp.Response response = post(host.notesPort(), "localhost:" + host.notesPort(),
          null, type, body);
      assertThat(response.status()).as(type).isEqualTo(415);
      assertJsonError(response);
    }
    assertThat(home.resolve("file-uploads")).doesNotExist();
    assertWorkspaceUnchanged();
  }

  @Test
  void oversizedBodyGets413() throws Exception {
    String huge = "{\"task_id\": \"x\", \"note_text\": \"" + "a".repeat(70_000) + "\"}";

    RawHttp.Response response = post(host.notesPort(), "localhost:" + host.notesPort(), null,
        "application/json", huge);

    assertThat(response.status()).isEqualTo(413);
    assertWorkspaceUnchanged();
  }

  @Test
  void traversalNeverLeavesAssets() throws Exception {
    List<String> paths = List.of(
        "/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd",
        "/%252e%252e/%252e%252e/etc/passwd", "/assets/../../logback.xml", "/..%2flogback.xml",
        "/%2e%2e/logback.xml", "/%2e%2e/sample-workspace.index", "/..;/logback.xml",
        "/.%2e/logback.xml", "/%c0%ae%c0%ae/logback.xml", "/..\\logback.xml",
        "/%2e%2e/dev/taskhost/cli/Main.class", "/assets/%2e%2e/%2e%2e/logback.xml",
        "/....//logback.xml", "//etc/passwd", "/%00../logback.xml");
    for (String path : paths) {
      RawHttp.Response response = RawHttp.send(host.managerPort(), "GET " + path
          + " HTTP/1.1\r\nHost: localhost:" + host.managerPort(), new byte[0]);
      String body = response.bodyText();
      assertThat(response.status()).as(path).isNotEqualTo(500);
      assertThat(body).as(path).doesNotContain("root:x:0").doesNotContain("<configuration>")
          .doesNotContain("clients/README.md").doesNotContain("<artifactId>");
    }
    RawHttp.Response page = RawHttp.get(host.managerPort(), "/tasks-manager.html",
        "localhost:" + host.managerPort());
    assertThat(page.status()).isEqualTo(200);
    assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
  }

  @Test
  void malformedRequestsGetJson4xx() throws Exception {
    List<MalformedRequests.Case> cases = MalformedRequests.cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    for (MalformedRequests.Case c : cases) {
      RawHttp.Response response = RawHttp.send(host.notesPort(), c.method() + " " + c.path()
          + " HTTP/1.1\r\nHost: localhost:" + host.notesPort()
          + (c.contentType() == null ? "" : "\r\nContent-Type: " + c.contentType()), c.body());
      assertThat(response.status()).as(c.name() + ": " + response.bodyText())
          .isEqualTo(c.expectedStatus());
      assertJsonError(response);
    }
    assertThat(TaskhostProcess.healthy(host.notesPort())).isTrue();
    assertThat(TaskhostProcess.healthy(host.managerPort())).isTrue();
    assertWorkspaceUnchanged();
  }

  private RawHttp.Response preflight(String origin) throws Exception {
    return RawHttp.send(host.notesPort(), "OPTIONS /save-note HTTP/1.1\r\nHost: localhost:"
        + host.notesPort() + "\r\nOrigin: " + origin
        + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type",
        new byte[0]);
  }

  private static RawHttp.Response post(int port, String hostHeader, String origin, String type,
      String body) throws Exception {
    return RawHttp.send(port, "POST /save-note HTTP/1.1\r\nHost: " + hostHeader
        + (origin == null ? "" : "\r\nOrigin: " + origin) + "\r\nContent-Type: " + type,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String noteFor(String taskId) {
    return "{\"task_id\": \"" + taskId + "\", \"note_text\": \"hostile write\"}";
  }

  private static void assertForbidden(int port, String requestLine, String hostHeader) throws Exception {
    RawHttp.Response response = RawHttp.send(port, requestLine + " HTTP/1.1\r\nHost: " + hostHeader,
        new byte[0]);
    assertThat(response.status()).as(requestLine + " with Host " + hostHeader).isEqualTo(403);
    assertJsonError(response);
  }

  private static void assertJsonError(RawHttp.Response response) throws Exception {
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  private void assertWorkspaceUnchanged() throws Exception {
    assertThat(Workspaces.digest(workspace)).isEqualTo(before);
  }
}
