package dev.taskhost.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** Browser tests of the task manager page against a host over the fixture workspace. */
class TaskPageIT {

  private static final String CLOCK = "?now=2024-09-16T09:00:00";
  private static final String TODAY = "2024-09-16";
  private static Browser browser;

  @TempDir Path tempDir;
  private JarHost host;
  private JsonObject manifest;

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
    manifest = new JsonObject(Files.readString(host.workspace().resolve(".fixture-manifest.json")));
  }

  @AfterEach
  void stopHost() throws Exception {
    if (host != null) host.close();
  }

  private void openPage() {
    browser.open(host.pageUrl() + "/tasks-manager.html" + CLOCK);
  }

  private JsonObject apiTasks() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(host.pageUrl() + "/api/tasks")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private String edgeCase(String key) {
    return manifest.getJsonObject("edge_cases").getString(key);
  }

  private int shownTasks(String css) {
    return browser.findAll(css).size();
  }

  private void search(String text) {
    WebElement field = browser.find("#search");
    field.clear();
    field.sendKeys(text);
  }

  private void openTaskFromSearch(String id, String searchText) {
    search(searchText);
    String row = "#priority-groups li.task[data-task-id='" + id + "'] .task-open";
    browser.waitFor(d -> !browser.findAll(row).isEmpty());
    browser.find(row).click();
    browser.waitFor(d -> browser.find("#task-dialog").isDisplayed());
  }

  private int notesCount() {
    return Integer.parseInt(browser.find("#notes-count").getText().trim());
  }

  private void awaitNotesCount(int expected) {
    browser.waitFor(
        d -> browser.find("#notes-count").getText().trim().equals(String.valueOf(expected)));
  }

  @Test
  void priorityGroupsCountTheirTasks() throws Exception {
    openPage();
    Map<String, Integer> expected = new TreeMap<>();
    for (Object item : apiTasks().getJsonArray("all_tasks")) {
      String priority = ((JsonObject) item).getString("priority");
      boolean known = priority != null && List.of("P0", "P1", "P2", "P3").contains(priority);
      expected.merge(known ? priority : "none", 1, Integer::sum);
    }

    for (String priority : List.of("P0", "P1", "P2", "P3")) {
      String group = "#priority-groups section[data-priority='" + priority + "']";
      int count = Integer.parseInt(browser.find(group + " h3 .count").getText());
      assertThat(count)
          .as("count shown for %s", priority)
          .isEqualTo(expected.getOrDefault(priority, 0));
      assertThat(shownTasks(group + " li.task")).as("rows under %s", priority).isEqualTo(count);
    }
    assertThat(shownTasks("#priority-groups li.task"))
        .isEqualTo(manifest.getJsonObject("expected_loader_view").getInteger("all_tasks_count"));
    browser.screenshot("tasks-by-priority");
  }

  @Test
  void clientGroupExpandsAndCollapses() throws Exception {
    openPage();
    browser.find("#view-client").click();
    String client = "amberleaf-pottery";
    String group = "#client-groups section[data-client='" + client + "']";
    WebElement toggle = browser.find(group + " .client-toggle");
    int activeCount =
        manifest
            .getJsonObject("expected_loader_view")
            .getJsonObject("clients")
            .getJsonObject(client)
            .getInteger("active_count");

    assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
    assertThat(browser.find(group + " .client-toggle .count").getText())
        .isEqualTo(String.valueOf(activeCount));
    assertThat(browser.find(group + " .client-body").isDisplayed()).isFalse();

    toggle.click();
    browser.waitFor(d -> browser.find(group + " .client-body").isDisplayed());
    assertThat(browser.find(group + " .client-toggle").getDomAttribute("aria-expanded"))
        .isEqualTo("true");
    assertThat(shownTasks(group + " li.task")).isEqualTo(activeCount);
    browser.screenshot("tasks-by-client");

    // The keyboard works too: focus stays on the toggle, and Enter collapses it.
    browser.find(group + " .client-toggle").sendKeys(Keys.ENTER);
    browser.waitFor(d -> !browser.find(group + " .client-body").isDisplayed());
    assertThat(browser.find(group + " .client-toggle").getDomAttribute("aria-expanded"))
        .isEqualTo("false");
  }

  @Test
  void childTasksNestUnderParent() {
    openPage();
    browser.find("#view-client").click();
    String group = "#client-groups section[data-client='bluebell-opticians']";
    browser.find(group + " .client-toggle").click();
    String parentId = "36ef4f79-1499-4d0f-af98-2e8309752963";
    List<WebElement> nested =
        browser.findAll(
            group + " li.task[data-task-id='" + parentId + "'] > ul.subtasks > li.task");

    assertThat(nested).isNotEmpty();
  }

  @Test
  void remindersSoonestFirstWithOverdueMarked() throws Exception {
    openPage();
    List<WebElement> reminders = browser.findAll("#reminders li.reminder");
    List<String> dues = new ArrayList<>();
    for (WebElement reminder : reminders) dues.add(reminder.getDomAttribute("data-due"));

    assertThat(reminders)
        .hasSize(manifest.getJsonObject("expected_loader_view").getInteger("reminders_count"));
    assertThat(dues).isSorted();
    assertThat(dues.get(0))
        .isEqualTo(manifest.getJsonObject("edge_cases").getString("past_due_date"));
    assertThat(dues.get(dues.size() - 1))
        .isEqualTo(manifest.getJsonObject("edge_cases").getString("far_future_due_date"));
    for (WebElement reminder : reminders) {
      boolean overdue = reminder.getDomAttribute("data-due").compareTo(TODAY) < 0;
      assertThat(reminder.getDomAttribute("data-overdue"))
          .as("overdue flag of %s", reminder.getDomAttribute("data-task-id"))
          .isEqualTo(String.valueOf(overdue));
    }
    assertThat(reminders.get(0).findElement(By.cssSelector(".reminder-when")).getText())
        .startsWith("Overdue by");
    assertThat(browser.find("#reminders-count").getText())
        .isEqualTo(String.valueOf(reminders.size()));
  }

  private void press(CharSequence... keys) {
    new Actions(browser.driver()).sendKeys(keys).perform();
  }

  /** Presses Tab until `css` has focus; fails after `limit` presses. */
  private WebElement tabTo(String css, int limit) {
    for (int presses = 0; presses < limit; presses++) {
      press(Keys.TAB);
      WebElement focused = browser.focused();
      if ((Boolean) browser.script("return arguments[0].matches(arguments[1]);", focused, css))
        return focused;
    }
    throw new AssertionError(
        "Tab did not reach "
            + css
            + " in "
            + limit
            + " presses; focus is on "
            + browser.script("return document.activeElement.outerHTML.slice(0, 120);"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void keyboardReachesTasksAndLabels() {
    openPage();
    List<String> unlabelled =
        (List<String>)
            browser.script(
                "return [...document.querySelectorAll('input, select, textarea, button')].filter(e"
                    + " => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') &&"
                    + " !e.textContent.trim()).map(e => e.id || e.outerHTML.slice(0, 80));");
    assertThat(unlabelled).as("controls without a label").isEmpty();
    assertThat(browser.find("#task-dialog").getDomAttribute("aria-labelledby"))
        .isEqualTo("task-title");

    WebElement skip = tabTo("a.skip-link", 1);
    assertThat(skip.getText()).isEqualTo("Skip to tasks");
    press(Keys.ENTER);
    assertThat(browser.focused().getDomAttribute("id"))
        .as("focus after the skip link")
        .isEqualTo("task-views");

    press("/");
    assertThat(browser.focused().getDomAttribute("id")).as("focus after /").isEqualTo("search");
    press("basket");
    String hostileRow =
        "#priority-groups li.task[data-task-id='" + edgeCase("hostile_task_id") + "'] .task-open";
    browser.waitFor(d -> !browser.findAll(hostileRow).isEmpty());
    WebElement row = tabTo(hostileRow, 40);

    press(Keys.ENTER);
    browser.waitFor(d -> browser.find("#task-dialog").isDisplayed());
    assertThat(browser.script("return document.activeElement.closest('#task-dialog') !== null;"))
        .as("focus inside the open dialog")
        .isEqualTo(true);
    tabTo("#note-text", 10);
    press("/");
    assertThat(browser.find("#note-text").getDomProperty("value"))
        .as("/ typed into the note")
        .isEqualTo("/");

    press(Keys.ESCAPE);
    browser.waitFor(d -> !browser.find("#task-dialog").isDisplayed());
    assertThat(browser.focused()).as("focus back on the task that was opened").isEqualTo(row);
  }

  @Test
  void searchAndFiltersNarrowTheList() throws Exception {
    openPage();
    int all = shownTasks("#priority-groups li.task");

    search("basket");
    browser.waitFor(d -> shownTasks("#priority-groups li.task") < all);
    List<String> ids = new ArrayList<>();
    for (WebElement row : browser.findAll("#priority-groups li.task"))
      ids.add(row.getDomAttribute("data-task-id"));
    assertThat(ids).contains(edgeCase("hostile_task_id"));
    browser.find("#clear-filters").click();
    browser.waitFor(d -> shownTasks("#priority-groups li.task") == all);

    new Select(browser.find("#filter-client")).selectByValue("larkspur-garden-centre");
    browser.waitFor(d -> shownTasks("#priority-groups li.task") < all);
    for (WebElement row : browser.findAll("#priority-groups li.task")) {
      assertThat(row.getDomAttribute("data-client")).isEqualTo("larkspur-garden-centre");
    }
    assertThat(shownTasks("#priority-groups li.task"))
        .isEqualTo(
            apiTasks()
                .getJsonObject("tasks_by_client")
                .getJsonObject("larkspur-garden-centre")
                .getInteger("active_count"));

    new Select(browser.find("#filter-priority")).selectByValue("P1");
    for (WebElement row : browser.findAll("#priority-groups li.task")) {
      assertThat(row.getDomAttribute("data-priority")).isEqualTo("P1");
    }
    for (WebElement reminder : browser.findAll("#reminders li.reminder")) {
      assertThat(reminder.findElement(By.cssSelector(".task-client")).getText())
          .isEqualTo("Larkspur Garden Centre");
    }

    new Select(browser.find("#filter-tag")).selectByVisibleText("</script>");
    browser.waitFor(d -> shownTasks("#priority-groups li.task") == 1);
    assertThat(browser.find("#priority-groups li.task").getDomAttribute("data-task-id"))
        .isEqualTo(edgeCase("hostile_task_id"));
    browser.screenshot("tasks-filtered");

    browser.find("#clear-filters").click();
    browser.waitFor(d -> shownTasks("#priority-groups li.task") == all);
  }

  @Test
  void hostileTaskShowsAsText() throws Exception {
    String id = edgeCase("hostile_task_id");
    JsonObject task = hostileTask(id);
    openPage();
    openTaskFromSearch(id, "basket");

    assertThat(browser.find("#task-title").getText()).isEqualTo(task.getString("title").strip());
    assertThat(browser.findAll("img")).as("img elements anywhere").isEmpty();
    assertThat(browser.findAll("[onerror], [onclick], [onload]")).isEmpty();
    assertThat(browser.findAll("#task-dialog script, #task-dialog iframe, #task-dialog object"))
        .isEmpty();
    assertThat(browser.trappedAlerts()).isEmpty();

    String notes = browser.find("#task-notes").getText();
    assertThat(notes).contains("<img src=x onerror=alert(1)>");
    assertThat(notes).contains("document.write(\"</script><b>oops</b>\");");
    assertThat(browser.findAll("#task-notes b")).as("<b> from the notes' raw HTML").isEmpty();
    assertThat(browser.findAll("#task-notes strong"))
        .as("Markdown bold still renders")
        .isNotEmpty();
    List<String> tags = new ArrayList<>();
    for (WebElement tag : browser.findAll("#task-tags li")) tags.add(tag.getText());
    assertThat(tags).contains("</script>", "${x}");
    browser.screenshot("task-view-hostile");
  }

  private JsonObject hostileTask(String id) throws Exception {
    Path file = host.workspace().resolve("clients/larkspur-garden-centre/tasks.json");
    JsonArray tasks = new JsonObject(Files.readString(file)).getJsonArray("tasks");
    for (Object item : tasks) {
      if (id.equals(((JsonObject) item).getString("id"))) return (JsonObject) item;
    }
    throw new AssertionError("Hostile task " + id + " is missing from " + file);
  }

  private static final String HOSTILE_FILE = "clients/larkspur-garden-centre/tasks.json";
  private static final String NOTES_QUEUE = "data/state/manual-task-notes.json";

  /** Returns the task's `notes` as they are in its file on disk now. */
  private String notesOnDisk(String id) throws Exception {
    Path file = host.workspace().resolve(HOSTILE_FILE);
    for (Object item : new JsonObject(Files.readString(file)).getJsonArray("tasks")) {
      if (id.equals(((JsonObject) item).getString("id")))
        return ((JsonObject) item).getString("notes");
    }
    throw new AssertionError("Task " + id + " is missing from " + file);
  }

  private JsonArray queueOnDisk() throws Exception {
    return new JsonArray(Files.readString(host.workspace().resolve(NOTES_QUEUE)));
  }

  @Test
  void noteAndMarkDoneWriteTaskFile() throws Exception {
    String id = edgeCase("hostile_task_id");
    String notesBefore = notesOnDisk(id);
    int queuedBefore = queueOnDisk().size();
    openPage();
    browser.waitFor(d -> browser.find("#notes-count").getText().matches("\\d+"));
    int before = notesCount();
    assertThat(before).as("count shown before any note").isEqualTo(queuedBefore);
    browser.script("window.__samePage = true;");
    openTaskFromSearch(id, "basket");

    String note = "Checked the **basket** label <i>again</i>";
    browser.find("#note-text").sendKeys(note);
    browser.find("#add-note").click();
    awaitNotesCount(before + 1);
    browser.waitFor(
        d -> browser.find("#note-message").getDomAttribute("data-kind").equals("success"));
    browser.waitFor(
        d ->
            browser
                .find("#task-notes")
                .getText()
                .contains("Checked the basket label <i>again</i>"));
    assertThat(notesOnDisk(id))
        .as("notes in %s after Add note", HOSTILE_FILE)
        .isEqualTo(notesBefore + "\n\n" + note);
    assertThat(browser.findAll("#task-notes i")).as("<i> from the new note's raw HTML").isEmpty();

    browser.find("#mark-done").click();
    awaitNotesCount(before + 2);
    browser.waitFor(d -> browser.find("#note-message").getText().startsWith("Marked done"));
    browser.waitFor(d -> browser.find("#task-notes").getText().strip().endsWith("Done"));
    assertThat(notesOnDisk(id))
        .as("notes in %s after Mark done", HOSTILE_FILE)
        .isEqualTo(notesBefore + "\n\n" + note + "\n\nDone");

    JsonArray queue = queueOnDisk();
    assertThat(queue.size()).as("entries in %s", NOTES_QUEUE).isEqualTo(queuedBefore + 2);
    JsonObject added = queue.getJsonObject(queue.size() - 2);
    JsonObject done = queue.getJsonObject(queue.size() - 1);
    assertThat(added.getString("task_id")).isEqualTo(id);
    assertThat(added.getString("manual_note")).isEqualTo(note);
    assertThat(done.getString("task_id")).isEqualTo(id);
    assertThat(done.getString("manual_note")).isEqualTo("Done");
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
    browser.screenshot("task-view-note-saved");
  }

  @Test
  void otherProgramsEditShowsLive() throws Exception {
    String relative = "clients/amberleaf-pottery/tasks.json";
    String id = "0fabb71e-7412-41c2-83c1-5f8a05d909d0";
    String title = "Window display plan, rewritten by another program";
    JsonObject content = new JsonObject(Files.readString(host.workspace().resolve(relative)));
    JsonObject task =
        content.getJsonArray("tasks").stream()
            .map(JsonObject.class::cast)
            .filter(candidate -> id.equals(candidate.getString("id")))
            .findFirst()
            .orElseThrow();
    assertThat(task.getString("priority")).as("priority in the fixture").isEqualTo("P3");
    task.put("title", title).put("priority", "P0");
    openPage();
    browser.script("window.__samePage = true;");
    String row =
        "#priority-groups section[data-priority='P0'] li.task[data-task-id='"
            + id
            + "'] .task-open";
    assertThat(browser.findAll(row)).as("task under P0 before the edit").isEmpty();

    host.replaceWorkspaceFile(relative, content.encodePrettily());
    long written = System.nanoTime();
    browser.waitFor(
        Duration.ofSeconds(2),
        d -> browser.findAll(row).stream().anyMatch(button -> button.getText().equals(title)));
    long shownAfterMs = (System.nanoTime() - written) / 1_000_000;

    assertThat(shownAfterMs).as("ms from the write until the page showed it").isLessThan(2_000);
    assertThat(
            browser.findAll(
                "#priority-groups section[data-priority='P3'] li.task[data-task-id='" + id + "']"))
        .as("task still under P3")
        .isEmpty();
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
  }

  @Test
  void notesServerOnMovedPortWorks() throws Exception {
    openPage();
    browser.waitFor(d -> browser.find("#notes-count").getText().matches("\\d+"));
    int before = notesCount();
    int newPort = host.unusedPort();

    host.moveNotesServer(newPort);
    browser.waitFor(
        d ->
            browser
                .find("#server-badges li[data-server='task-notes']")
                .getText()
                .endsWith(":" + newPort));
    browser.waitFor(
        d ->
            "listening"
                .equals(
                    browser
                        .find("#server-badges li[data-server='task-notes']")
                        .getDomAttribute("data-state")));

    openTaskFromSearch(edgeCase("hostile_task_id"), "basket");
    browser.find("#note-text").sendKeys("Saved through the moved notes server");
    browser.find("#add-note").click();
    awaitNotesCount(before + 1);
    browser.waitFor(
        d -> "success".equals(browser.find("#note-message").getDomAttribute("data-kind")));
  }

  @Test
  void brokenTaskFileWarnsLive() throws Exception {
    String relative = "clients/amberleaf-pottery/tasks.json";
    String broken = "{\"tasks\": [ {\"id\": \"half-written\", ";
    openPage();
    browser.script("window.__samePage = true;");
    int warningsBefore = browser.findAll("#workspace-warnings li").size();

    host.replaceWorkspaceFile(relative, broken);
    browser.waitFor(
        Duration.ofSeconds(5),
        d -> browser.findAll("#workspace-warnings li").size() > warningsBefore);

    assertThat(browser.find("#workspace-warnings").getText()).contains(relative);
    assertThat(shownTasks("#priority-groups li.task[data-client='larkspur-garden-centre']"))
        .as("other clients' tasks")
        .isPositive();
    assertThat(Files.readString(host.workspace().resolve(relative)))
        .as("broken file left as it was")
        .isEqualTo(broken);
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
    browser.screenshot("workspace-warning");
  }

  private String notesBadgeState() {
    return browser
        .find("#server-badges li[data-server='task-notes']")
        .getDomAttribute("data-state");
  }

  @Test
  void notesServerDisabledAndEnabledLive() throws Exception {
    openPage();
    browser.waitFor(d -> browser.find("#notes-count").getText().matches("\\d+"));
    int before = notesCount();
    browser.script("window.__samePage = true;");
    assertThat(notesBadgeState()).isEqualTo("listening");

    host.setNotesEnabled(false);
    browser.waitFor(d -> "disabled".equals(notesBadgeState()));
    assertThat(browser.find("#server-badges li[data-server='task-notes'] .badge-state").getText())
        .isEqualTo("disabled");
    browser.waitFor(d -> browser.find("#notes-count").getText().equals("unavailable"));

    openTaskFromSearch(edgeCase("hostile_task_id"), "basket");
    browser.find("#note-text").sendKeys("Saved once the notes server is back");
    browser.find("#add-note").click();
    browser.waitFor(
        d -> "error".equals(browser.find("#note-message").getDomAttribute("data-kind")));
    assertThat(browser.find("#note-message").getText())
        .contains("Could not reach the notes server");
    assertThat(browser.find("#note-text").getDomProperty("value"))
        .isEqualTo("Saved once the notes server is back");
    browser.screenshot("notes-server-disabled");

    host.setNotesEnabled(true);
    browser.waitFor(d -> "listening".equals(notesBadgeState()));
    awaitNotesCount(before);
    browser.find("#add-note").click();
    awaitNotesCount(before + 1);
    browser.waitFor(
        d -> "success".equals(browser.find("#note-message").getDomAttribute("data-kind")));
    assertThat(browser.script("return window.__samePage === true;"))
        .as("page was not reloaded")
        .isEqualTo(true);
  }

  @Test
  void notesServerErrorMessageShown() throws Exception {
    String id = edgeCase("hostile_task_id");
    openPage();
    openTaskFromSearch(id, "basket");

    // Remove the task from its file while its view is open, so the notes server no longer finds it.
    String relative = "clients/larkspur-garden-centre/tasks.json";
    Path file = host.workspace().resolve(relative);
    JsonObject content = new JsonObject(Files.readString(file));
    JsonArray kept = new JsonArray();
    for (Object item : content.getJsonArray("tasks")) {
      if (!id.equals(((JsonObject) item).getString("id"))) kept.add(item);
    }
    content.put("tasks", kept);
    host.replaceWorkspaceFile(relative, content.encodePrettily());
    browser.waitFor(
        d -> browser.findAll("#priority-groups li.task[data-task-id='" + id + "']").isEmpty());

    browser.find("#note-text").sendKeys("A note for a task that is gone");
    browser.find("#add-note").click();
    browser.waitFor(
        d -> "error".equals(browser.find("#note-message").getDomAttribute("data-kind")));

    assertThat(browser.find("#note-message").getText()).contains("HTTP 404");
    assertThat(browser.find("#note-message").getText()).doesNotEndWith("no message");
  }
}
