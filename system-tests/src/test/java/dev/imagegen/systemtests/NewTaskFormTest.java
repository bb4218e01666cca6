package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class NewTaskFormTest {

    @Test
    void thePreviewCountsTheCombinationsOfTwoVariablesAsTheyAreTyped(Browser browser) {
        browser.signIn("user1", "user1");
        NewTaskForm form = new NewTaskForm(browser)
                .name("preview of styles")
                .tag("a quiet lake at dawn")
                .variable("prompt", "oil painting", "watercolor", "ink sketch");

        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("3 subtasks"));
        form.variable("ratio", "1:1", "16:9").bind("ratio", "v1");

        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("6 subtasks"));
        assertThat(browser.all(By.cssSelector("#preview-combinations li"))).hasSize(6);
        assertThat(browser.text(By.id("preview-combinations")))
                .contains("watercolor")
                .contains("16:9");
    }

    @Test
    void badFieldsAreShownNextToTheirFieldsAndNothingIsWritten(Browser browser) throws SQLException {
        browser.signIn("user1", "user1");
        long before = taskCount();
        NewTaskForm form = new NewTaskForm(browser).tag("a red bicycle").batchSize("9");

        form.submit();

        await().atMost(Browser.WAIT).until(() -> !form.errorAt("$.batch_size").isEmpty());
        assertThat(form.errorAt("$.batch_size")).contains("between 1 and 8");
        assertThat(form.errorAt("$.name")).contains("required");
        assertThat(browser.currentUrl()).endsWith("#/new");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void aSubmittedTaskIsWrittenWithOneSubtaskPerCombinationAndItsPageOpens(Browser browser) throws SQLException {
        browser.signIn("user2", "user2");
        new NewTaskForm(browser)
                .name("bicycle in two styles")
                .tag("a red bicycle")
                .variable("prompt", "oil painting", "watercolor")
                .submit();

        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String id = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT name, total_images FROM tasks WHERE id = ?::uuid")) {
            query.setString(1, id);
            ResultSet rows = query.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("bicycle in two styles");
            assertThat(rows.getInt(2)).isEqualTo(2);
        }
        assertThat(browser.text(By.id("task-name-heading"))).isEqualTo("bicycle in two styles");
        assertThat(browser.text(By.id("processed-count"))).endsWith("/ 2");

        browser.find(By.cssSelector("a[data-route=tasks]")).click();
        browser.type(By.id("task-search"), "bicycle");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-list")).contains("bicycle in two styles"));
    }

    private static long taskCount() throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM tasks")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
