package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@ExtendWith(BrowserExtension.class)
class EndToEndTest {

    private static final Duration GENERATION = Duration.ofSeconds(90);

    @Test
    void aTaskWithTwoVariablesReachesFullProgressAndItsImagesCanBeRated(Browser browser) throws SQLException {
        browser.signIn("user1", "user1");
        new NewTaskForm(browser)
                .name("lighthouse, two styles by two ratios")
                .tag("a lighthouse on a cliff")
                .variable("prompt", "oil painting", "ink sketch")
                .variable("ratio", "1:1", "16:9")
                .bind("ratio", "v1")
                .submit();

        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String taskId = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        await().atMost(GENERATION)
                .until(() -> browser.text(By.id("progress-text")).equals("100%"));
        assertThat(browser.text(By.id("task-status"))).isEqualTo("completed");

        // Each card links the image its subtask's result names.
        await().atMost(Browser.WAIT)
                .until(() -> browser.all(By.cssSelector(".image-card .thumb a[href*='/images/']"))
                                .size()
                        == 4);
        await().atMost(Browser.WAIT)
                .until(() -> Long.valueOf(4)
                        .equals(browser.script("return [...document.querySelectorAll('.image-card img')]"
                                + ".filter(i => i.complete && i.naturalWidth > 0).length")));
        List<WebElement> cards = browser.all(By.cssSelector(".image-card"));
        assertThat(cards)
                .extracting(card -> card.findElement(By.cssSelector(".vars")).getText())
                .contains("v0: oil painting · v1: 16:9", "v0: ink sketch · v1: 1:1");
        assertThat(browser.text(By.id("good-count"))).isEqualTo("0");

        WebElement first = cards.getFirst();
        first.findElement(By.cssSelector("textarea.evaluation")).sendKeys("crisp light, keep this one");
        first.findElement(By.cssSelector(".rate-good")).click();

        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("good-count")).equals("1"));
        assertThat(first.findElement(By.cssSelector(".rate-good")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(evaluations(taskId)).containsExactly("good: crisp light, keep this one");
    }

    private static int progress(String taskId) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT progress FROM tasks WHERE id = ?::uuid")) {
            query.setString(1, taskId);
            ResultSet rows = query.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<String> evaluations(String taskId) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT rating || ': ' || evaluation FROM subtasks WHERE task_id = ?::uuid AND rating <> 'unrated'")) {
            query.setString(1, taskId);
            ResultSet rows = query.executeQuery();
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
