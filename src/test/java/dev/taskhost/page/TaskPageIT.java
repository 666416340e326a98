package dev.taskhost.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser tests of the task manager page against a host over the fixture workspace. */
class TaskPageIT {

    private static final String CLOCK = "?now=2024-09-16T09:00:00";
    private static final String TODAY = "2024-09-16";
    private static Browser browser;

    @TempDir
    Path tempDir;
    private TaskhostUnderTest host;
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
        host = Hosts.start(tempDir, true);
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
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
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
        browser.waitFor(d -> browser.find("#notes-count").getText().trim().equals(String.valueOf(expected)));
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
            assertThat(count).as("count shown for %s", priority).isEqualTo(expected.getOrDefault(priority, 0));
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
        int activeCount = manifest.getJsonObject("expected_loader_view").getJsonObject("clients")
                .getJsonObject(client).getInteger("active_count");

        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.find(group + " .client-toggle .count").getText()).isEqualTo(String.valueOf(activeCount));
        assertThat(browser.find(group + " .client-body").isDisplayed()).isFalse();

        toggle.click();
        browser.waitFor(d -> browser.find(group + " .client-body").isDisplayed());
        assertThat(browser.find(group + " .client-toggle").getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(shownTasks(group + " li.task")).isEqualTo(activeCount);
        browser.screenshot("tasks-by-client");

        // The keyboard works too: focus stays on the toggle, and Enter collapses it.
        browser.find(group + " .client-toggle").sendKeys(Keys.ENTER);
        browser.waitFor(d -> !browser.find(group + " .client-body").isDisplayed());
        assertThat(browser.find(group + " .client-toggle").getDomAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void childTasksNestUnderParent() {
        openPage();
        browser.find("#view-client").click();
        String group = "#client-groups section[data-client='bluebell-opticians']";
        browser.find(group + " .client-toggle").click();
        String parentId = "36ef4f79-1499-4d0f-af98-2e8309752963";
        List<WebElement> nested = browser.findAll(group + " li.task[data-task-id='" + parentId + "'] > ul.subtasks > li.task");

        assertThat(nested).isNotEmpty();
    }

    @Test
    void remindersSoonestFirstWithOverdueMarked() throws Exception {
        openPage();
        List<WebElement> reminders = browser.findAll("#reminders li.reminder");
        List<String> dues = new ArrayList<>();
        for (WebElement reminder : reminders) dues.add(reminder.getDomAttribute("data-due"));

        assertThat(reminders).hasSize(manifest.getJsonObject("expected_loader_view").getInteger("reminders_count"));
        assertThat(dues).isSorted();
        assertThat(dues.get(0)).isEqualTo(manifest.getJsonObject("edge_cases").getString("past_due_date"));
        assertThat(dues.get(dues.size() - 1)).isEqualTo(manifest.getJsonObject("edge_cases").getString("far_future_due_date"));
        for (WebElement reminder : reminders) {
            boolean overdue = reminder.getDomAttribute("data-due").compareTo(TODAY) < 0;
            assertThat(reminder.getDomAttribute("data-overdue")).as("overdue flag of %s", reminder.getDomAttribute("data-task-id"))
                    .isEqualTo(String.valueOf(overdue));
        }
        assertThat(reminders.get(0).findElement(By.cssSelector(".reminder-when")).getText()).startsWith("Overdue by");
        assertThat(browser.find("#reminders-count").getText()).isEqualTo(String.valueOf(reminders.size()));
    }

    @Test
    void searchAndFiltersNarrowTheList() throws Exception {
        openPage();
        int all = shownTasks("#priority-groups li.task");

        search("basket");
        browser.waitFor(d -> shownTasks("#priority-groups li.task") < all);
        List<String> ids = new ArrayList<>();
        for (WebElement row : browser.findAll("#priority-groups li.task")) ids.add(row.getDomAttribute("data-task-id"));
        assertThat(ids).contains(edgeCase("hostile_task_id"));
        browser.find("#clear-filters").click();
        browser.waitFor(d -> shownTasks("#priority-groups li.task") == all);

        new Select(browser.find("#filter-client")).selectByValue("larkspur-garden-centre");
        browser.waitFor(d -> shownTasks("#priority-groups li.task") < all);
        for (WebElement row : browser.findAll("#priority-groups li.task")) {
            assertThat(row.getDomAttribute("data-client")).isEqualTo("larkspur-garden-centre");
        }
        assertThat(shownTasks("#priority-groups li.task")).isEqualTo(
                apiTasks().getJsonObject("tasks_by_client").getJsonObject("larkspur-garden-centre").getInteger("active_count"));

        new Select(browser.find("#filter-priority")).selectByValue("P1");
        for (WebElement row : browser.findAll("#priority-groups li.task")) {
            assertThat(row.getDomAttribute("data-priority")).isEqualTo("P1");
        }
        for (WebElement reminder : browser.findAll("#reminders li.reminder")) {
            assertThat(reminder.findElement(By.cssSelector(".task-client")).getText()).isEqualTo("Larkspur Garden Centre");
        }

        new Select(browser.find("#filter-tag")).selectByVisibleText("</script>");
        browser.waitFor(d -> shownTasks("#priority-groups li.task") == 1);
        assertThat(browser.find("#priority-groups li.task").getDomAttribute("data-task-id")).isEqualTo(edgeCase("hostile_task_id"));
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
        assertThat(browser.findAll("#task-dialog script, #task-dialog iframe, #task-dialog object")).isEmpty();
        assertThat(browser.trappedAlerts()).isEmpty();

        String notes = browser.find("#task-notes").getText();
        assertThat(notes).contains("<img src=x onerror=alert(1)>");
        assertThat(notes).contains("document.write(\"</script><b>oops</b>\");");
        assertThat(browser.findAll("#task-notes b")).as("<b> from the notes' raw HTML").isEmpty();
        assertThat(browser.findAll("#task-notes strong")).as("Markdown bold still renders").isNotEmpty();
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

    @Test
    void addNoteAndMarkDoneUpdateCount() {
        openPage();
        browser.waitFor(d -> browser.find("#notes-count").getText().matches("\\d+"));
        int before = notesCount();
        browser.script("window.__samePage = true;");
        String id = edgeCase("hostile_task_id");
        openTaskFromSearch(id, "basket");

        browser.find("#note-text").sendKeys("Checked the **basket** label <i>again</i>");
        browser.find("#add-note").click();
        awaitNotesCount(before + 1);
        browser.waitFor(d -> browser.find("#note-message").getDomAttribute("data-kind").equals("success"));
        browser.waitFor(d -> browser.find("#task-notes").getText().contains("Checked the basket label <i>again</i>"));

        browser.find("#mark-done").click();
        awaitNotesCount(before + 2);
        browser.waitFor(d -> browser.find("#note-message").getText().startsWith("Marked done"));
        browser.waitFor(d -> browser.find("#task-notes").getText().strip().endsWith("Done"));
        assertThat(browser.script("return window.__samePage === true;")).as("page was not reloaded").isEqualTo(true);
    }

    @Test
    void notesServerOnMovedPortWorks() throws Exception {
        openPage();
        browser.waitFor(d -> browser.find("#notes-count").getText().matches("\\d+"));
        int before = notesCount();
        int newPort = Hosts.freePort();

        host.moveNotesServer(newPort);
        browser.waitFor(d -> browser.find("#server-badges li[data-server='task-notes']").getText().endsWith(":" + newPort));
        browser.waitFor(d -> "listening".equals(browser.find("#server-badges li[data-server='task-notes']").getDomAttribute("data-state")));

        openTaskFromSearch(edgeCase("hostile_task_id"), "basket");
        browser.find("#note-text").sendKeys("Saved through the moved notes server");
        browser.find("#add-note").click();
        awaitNotesCount(before + 1);
        browser.waitFor(d -> "success".equals(browser.find("#note-message").getDomAttribute("data-kind")));
    }

    @Test
    void unreachableNotesServerShowsError() throws Exception {
        openPage();
        host.disableNotesServer();
        browser.waitFor(d -> "disabled".equals(browser.find("#server-badges li[data-server='task-notes']").getDomAttribute("data-state")));

        openTaskFromSearch(edgeCase("hostile_task_id"), "basket");
        browser.find("#note-text").sendKeys("This note cannot be saved");
        browser.find("#add-note").click();
        browser.waitFor(d -> "error".equals(browser.find("#note-message").getDomAttribute("data-kind")));

        assertThat(browser.find("#note-message").getText()).contains("Could not reach the notes server");
        assertThat(browser.find("#note-text").getDomProperty("value")).isEqualTo("This note cannot be saved");
        browser.screenshot("notes-server-unreachable");
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
        Files.writeString(file, content.encodePrettily());
        host.workspaceChanged(relative);
        browser.waitFor(d -> browser.findAll("#priority-groups li.task[data-task-id='" + id + "']").isEmpty());

        browser.find("#note-text").sendKeys("A note for a task that is gone");
        browser.find("#add-note").click();
        browser.waitFor(d -> "error".equals(browser.find("#note-message").getDomAttribute("data-kind")));

        assertThat(browser.find("#note-message").getText()).contains("HTTP 404");
        assertThat(browser.find("#note-message").getText()).doesNotEndWith("no message");
    }
}
