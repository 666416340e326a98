package dev.taskhost.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser tests of the status dashboard. */
class DashboardIT {

  private static Browser browser;

  @TempDir Path tempDir;
  private JarHost host;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = new Browser();
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) browser.close();
  }

  @BeforeEach
  void startHost() throws Exception {
    host = JarHost.start(tempDir);
  }

  @AfterEach
  void stopHost() throws Exception {
    if (host != null) host.close();
  }

  private JsonObject apiStatus() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(host.pageUrl() + "/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private String serverCell(String server, int column) {
    return browser
        .find("#servers tr[data-server='" + server + "'] td:nth-of-type(" + column + ")")
        .getText();
  }

  @Test
  void dashboardShowsHostAndServers() throws Exception {
    browser.open(host.pageUrl() + "/dashboard.html");
    JsonObject host = apiStatus().getJsonObject("host");

    assertThat(browser.find("#host-pid").getText()).isEqualTo(String.valueOf(host.getValue("pid")));
    assertThat(browser.find("#host-config-file").getText()).isEqualTo(host.getString("configFile"));
    assertThat(browser.find("#host-config-state").getText())
        .isEqualTo(host.getJsonObject("config").getString("state"));
    assertThat(browser.find("#host-config-state").getText()).isEqualTo("applied");
    assertThat(browser.find("#host-uptime").getText()).matches("(\\d+[dhm] )*\\d+s");
    assertThat(serverCell("task-manager", 1)).isEqualTo("listening");
    assertThat(serverCell("task-manager", 3))
        .isEqualTo(URI.create(this.host.pageUrl()).getPort() + "");
    assertThat(serverCell("task-notes", 1)).isEqualTo("listening");
    assertThat(serverCell("task-notes", 3)).isEqualTo(String.valueOf(this.host.notesPort()));
    assertThat(browser.findAll("#events tbody tr")).isNotEmpty();
    for (String server : new String[] {"task-manager", "task-notes"}) {
      assertThat(
              browser.findAll(
                  "#events tbody tr[data-source='" + server + "'][data-state='listening']"))
          .as("listening events of %s", server)
          .isNotEmpty();
    }
    browser.screenshot("dashboard");
  }

  @Test
  void dashboardFollowsPortChangeLive() throws Exception {
    browser.open(host.pageUrl() + "/dashboard.html");
    browser.script("window.__samePage = true;");
    int newPort = host.unusedPort();

    host.moveNotesServer(newPort);
    browser.waitFor(d -> serverCell("task-notes", 3).equals(String.valueOf(newPort)));
    browser.waitFor(d -> serverCell("task-notes", 1).equals("listening"));

    String notesEvents =
        "#events tbody tr[data-source='task-notes'][data-state='listening'] td:nth-of-type(5)";
    browser.waitFor(
        d ->
            browser.findAll(notesEvents).stream()
                .anyMatch(cell -> cell.getText().equals(String.valueOf(newPort))));
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
  }

  @Test
  void dashboardShowsRejectedConfigLive() throws Exception {
    browser.open(host.pageUrl() + "/dashboard.html");
    browser.script("window.__samePage = true;");
    String valid = Files.readString(host.configFile());

    JsonObject invalid = new JsonObject(valid);
    invalid.getJsonObject("reload").put("scanPeriodMs", "often");

    host.replaceConfig(invalid.encodePrettily());
    browser.waitFor(d -> browser.find("#host-config-state").getText().equals("rejected"));
    assertThat(browser.find("#host-config-detail").getText()).contains("scanPeriodMs");
    assertThat(serverCell("task-manager", 1)).isEqualTo("listening");
    assertThat(serverCell("task-notes", 1)).isEqualTo("listening");
    assertThat(
            browser.findAll("#events tbody tr[data-source='host'][data-state='config-rejected']"))
        .isNotEmpty();
    browser.screenshot("dashboard-config-rejected");

    host.replaceConfig(valid);
    browser.waitFor(d -> browser.find("#host-config-state").getText().equals("applied"));
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
  }
}
