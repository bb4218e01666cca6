package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class DashboardPageTest {

    @Test
    void aWeekOfFinishedWorkIsChartedAndTheQueuesLoadRefreshesItself(Browser browser) throws Exception {
        String location = User1Calls.submit("""
                {"name": "dashboard week", "prompts": [{"type": "prompt", "value": "a lighthouse at dusk"}],
                 "variables": {"v0": {"type": "prompt", "values": [
                   {"type": "prompt", "value": "oil"}, {"type": "prompt", "value": "ink"},
                   {"type": "prompt", "value": "chalk"}, {"type": "prompt", "value": "pastel"},
                   {"type": "prompt", "value": "charcoal"}, {"type": "prompt", "value": "gouache"},
                   {"type": "prompt", "value": "pencil"}]}}}
                """);
        String task = location.substring(location.lastIndexOf('/') + 1);
        String queue = PageDatabase.value(
                "SELECT DISTINCT q.name FROM queue_tasks qt JOIN task_queues q ON q.id = qt.queue_id"
                        + " WHERE qt.task_id = ?::uuid",
                task);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> PageDatabase.value("SELECT status::text FROM tasks WHERE id = ?::uuid", task)
                        .equals("completed"));
        List<String> subtasks =
                PageDatabase.column("SELECT id::text FROM subtasks WHERE task_id = ?::uuid ORDER BY id", task);
        for (int i = 0; i < subtasks.size(); i++) {
            String rating = i % 3 == 0 ? "poor" : "good";
            assertThat(User1Calls.send(
                                    "PUT",
                                    "api/tasks/" + task + "/subtasks/" + subtasks.get(i) + "/rating",
                                    "{\"rating\": \"" + rating + "\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
        // One attempt a day over the last week, as if the task had run for seven days.
        PageDatabase.update("""
                UPDATE queue_tasks qt
                   SET enqueued_at = qt.enqueued_at - make_interval(days => d.n),
                       started_at = qt.started_at - make_interval(days => d.n),
                       completed_at = qt.completed_at - make_interval(days => d.n)
                  FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n
                          FROM queue_tasks WHERE task_id = ?::uuid) d
                 WHERE qt.id = d.id
                """, task);
        PageDatabase.update("REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_daily_stats");

        browser.signIn("user1", "user1");
        browser.find(By.cssSelector("a[data-route=dashboard]")).click();
        browser.find(By.id("queue-load"));
        assertThat(browser.all(By.cssSelector("#queue-load tbody tr")))
                .extracting(row -> row.getAttribute("data-queue"))
                .contains("standard_tasks", "high_priority_tasks", "lumina_tasks");
        assertThat(browser.text(By.cssSelector("#queue-load tr[data-queue=" + queue + "] .in-flight")))
                .matches("\\d+ of \\d+");

        for (String chart : List.of("images", "failure-rate", "generation-time", "ratings")) {
            browser.find(By.cssSelector("#chart-" + chart + " .uplot canvas"));
        }
        assertThat(browser.text(By.cssSelector("#chart-images .u-legend"))).contains(queue);
        assertThat(browser.text(By.cssSelector("#chart-ratings .u-legend")))
                .contains("good")
                .contains("poor");
        // The charts show what the API answered: one image a day on the six days before today.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int daysAgo = 1; daysAgo <= 6; daysAgo++) {
            assertThat(figure("images", today.minusDays(daysAgo), queue, browser))
                    .as("images %d days ago", daysAgo)
                    .isEqualTo("1");
            assertThat(figure("generation-time", today.minusDays(daysAgo), queue, browser))
                    .endsWith(" s");
        }
        assertThat(figure("images", today.minusDays(8), queue, browser)).isEqualTo("0");
        assertThat(figure("failure-rate", today.minusDays(8), queue, browser)).isEqualTo("—");

        // The queues' load refreshes itself every few seconds.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ((Number) browser.script("return performance.getEntriesByType('resource')"
                                        + ".filter(e => e.name.includes('/api/dashboard')).length"))
                                .intValue()
                        >= 3);
        // Tall enough for the README's picture to hold all four charts.
        browser.windowSize(1280, 1340);
        browser.find(By.cssSelector("#chart-ratings .uplot canvas"));
        browser.readmeScreenshot("dashboard");
    }

    /** The value a chart's table of figures shows for a day and a series. */
    private static String figure(String chart, LocalDate day, String series, Browser browser) {
        return (String) browser.script(
                "const td = document.querySelector(`#chart-${arguments[0]} tr[data-day='${arguments[1]}']"
                        + " td[data-series='${arguments[2]}']`); return td ? td.textContent : null;",
                chart,
                day.toString(),
                series);
    }
}
