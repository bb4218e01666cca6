package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class CancelTaskTest {

    /** A paused queue keeps the task's work pending, so that there is something to cancel. */
    @BeforeEach
    void pauseTheLuminaQueue() throws SQLException {
        setLuminaActive(false);
    }

    @AfterEach
    void resumeTheLuminaQueue() throws SQLException {
        setLuminaActive(true);
    }

    @Test
    void cancellingOnTheTaskPageCancelsItsPendingWork(Browser browser) throws SQLException {
        browser.signIn("user1", "user1");
        new NewTaskForm(browser)
                .name("aurora, waiting in a paused queue")
                .tagType("lumina")
                .tag("an aurora over a frozen lake")
                .variable("prompt", "photograph", "pastel", "charcoal")
                .submit();
        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String taskId = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        assertThat(browser.text(By.id("task-status"))).isEqualTo("pending");

        browser.click(By.id("cancel-task"));

        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-status")).equals("cancelled"));
        assertThat(browser.all(By.id("cancel-task"))).isEmpty();
        assertThat(subtaskStatuses(taskId)).containsOnly("cancelled").hasSize(3);
    }

    private static void setLuminaActive(boolean active) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE task_queues SET is_active = ? WHERE name = 'lumina_tasks'")) {
            update.setBoolean(1, active);
            update.executeUpdate();
        }
    }

    private static java.util.List<String> subtaskStatuses(String taskId) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT status::text FROM subtasks WHERE task_id = ?::uuid")) {
            query.setString(1, taskId);
            ResultSet rows = query.executeQuery();
            java.util.List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
