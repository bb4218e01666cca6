package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@ExtendWith(BrowserExtension.class)
class QueuesTest {

    private static final By HIGH_PRIORITY = By.cssSelector("[data-queue='high_priority_tasks']");

    @Test
    void aManagerChangesTheLimitAndPausesAndResumesAQueue(Browser browser) {
        browser.signIn("manager", "manager");
        browser.open("#/queues");
        WebElement limit = browser.find(By.cssSelector("[data-queue='high_priority_tasks'] input[type=number]"));
        limit.clear();
        limit.sendKeys("4");
        browser.find(By.xpath("//section[@data-queue='high_priority_tasks']//button[text()='Save limit']"))
                .click();
        await().atMost(Browser.WAIT).until(() -> browser.text(HIGH_PRIORITY).contains("In flight 0 of 4"));

        browser.click(By.cssSelector("[data-queue='high_priority_tasks'] button[id$='-toggle']"));
        await().atMost(Browser.WAIT).until(() -> browser.text(HIGH_PRIORITY).contains("paused"));
        browser.click(By.cssSelector("[data-queue='high_priority_tasks'] button[id$='-toggle']"));
        await().atMost(Browser.WAIT).until(() -> browser.text(HIGH_PRIORITY).contains("active"));
    }

    @Test
    void aManagerChangesTheRetryPolicyOfAQueue(Browser browser) {
        browser.signIn("manager", "manager");
        browser.open("#/queues");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(HIGH_PRIORITY).contains("Up to 3 attempts, back-off 2 s doubling to 5 min"));

        retryPolicy(browser, "4", "3", "60");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(HIGH_PRIORITY).contains("Up to 4 attempts, back-off 3 s doubling to 1 min"));

        // A first back-off longer than the longest is refused at its field, and nothing changes.
        retryPolicy(browser, "4", "120", "60");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(HIGH_PRIORITY).contains("retry_backoff must be at most retry_backoff_max"));

        retryPolicy(browser, "3", "2", "300");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(HIGH_PRIORITY).contains("Up to 3 attempts, back-off 2 s doubling to 5 min"));
    }

    /** Opens the queue's retry policy editor if closed, fills it in and saves it. */
    private static void retryPolicy(Browser browser, String attempts, String backoff, String backoffMax) {
        By editor = By.cssSelector("[data-queue='high_priority_tasks'] details.retry-policy");
        if (browser.find(editor).getAttribute("open") == null) {
            browser.click(By.cssSelector("[data-queue='high_priority_tasks'] details.retry-policy summary"));
        }
        for (String[] value :
                new String[][] {{"attempts", attempts}, {"backoff", backoff}, {"backoff-max", backoffMax}}) {
            WebElement input =
                    browser.find(By.cssSelector("[data-queue='high_priority_tasks'] input[id$='-" + value[0] + "']"));
            input.clear();
            input.sendKeys(value[1]);
        }
        browser.click(By.xpath("//section[@data-queue='high_priority_tasks']//button[text()='Save retry policy']"));
    }

    @Test
    void aUserSeesTheQueuesLoadButNoControls(Browser browser) {
        browser.signIn("user1", "user1");
        browser.find(By.cssSelector("a[data-route=queues]")).click();

        await().atMost(Browser.WAIT)
                .until(() -> browser.all(By.cssSelector("[data-queue]")).size() == 3);
        assertThat(browser.text(By.cssSelector("[data-queue='standard_tasks']")))
                .contains("In flight");
        assertThat(browser.all(By.cssSelector("[data-queue] input, [data-queue] button")))
                .isEmpty();
    }

    @Test
    void anEndpointWhoseCircuitIsOpenShowsAsAWarningOnItsQueues(Browser browser) throws SQLException {
        circuits("""
                INSERT INTO endpoint_circuits (worker_id, endpoint, backend_type, state, since, last_error, queues,
                                               expires_at)
                VALUES ('gpu-worker-7', 'ops', 'comfyui', 'open', now(), 'backend unreachable: connection refused',
                        '{lumina_tasks}', now() + INTERVAL '5 minutes')
                """);
        try {
            browser.signIn("user1", "user1");
            browser.open("#/queues");

            By lumina = By.cssSelector("[data-queue='lumina_tasks'] .circuit-open[data-endpoint='ops']");
            await().atMost(Browser.WAIT).until(() -> !browser.all(lumina).isEmpty());
            assertThat(browser.text(lumina))
                    .contains(
                            "circuit open", "ops (comfyui)", "gpu-worker-7", "backend unreachable: connection refused");
            assertThat(browser.all(By.cssSelector("[data-queue='standard_tasks'] .circuit-open")))
                    .isEmpty();
        } finally {
            circuits("DELETE FROM endpoint_circuits WHERE worker_id = 'gpu-worker-7'");
        }
    }

    private static void circuits(String sql) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
