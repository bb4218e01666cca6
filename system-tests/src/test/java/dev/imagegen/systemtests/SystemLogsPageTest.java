package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

@ExtendWith(BrowserExtension.class)
class SystemLogsPageTest {

    @Test
    void anAdminSeesEachServicesRowsByServiceAndLevel(Browser browser) {
        browser.signIn("admin", "admin");
        browser.find(By.id("nav-logs")).click();

        browser.select(By.id("log-component"), "dispatcher");
        await().atMost(Browser.WAIT)
                .ignoreExceptionsInstanceOf(WebDriverException.class)
                .untilAsserted(() -> {
                    assertThat(column(browser, 3)).isNotEmpty().containsOnly("dispatcher");
                    assertThat(column(browser, 4))
                            .anyMatch(message -> message.startsWith("leader lock taken: dispatching"));
                });

        browser.select(By.id("log-component"), "generator_worker");
        browser.select(By.id("log-level"), "INFO");
        await().atMost(Browser.WAIT)
                .ignoreExceptionsInstanceOf(WebDriverException.class)
                .untilAsserted(() -> {
                    assertThat(column(browser, 3)).isNotEmpty().containsOnly("generator_worker");
                    assertThat(column(browser, 2)).containsOnly("INFO");
                    assertThat(column(browser, 4)).anyMatch(message -> message.startsWith("service started"));
                });
    }

    /** The texts of one column (1-based) of the log table. */
    private static List<String> column(Browser browser, int column) {
        return browser.all(By.cssSelector("#log-list tbody tr td:nth-child(" + column + ")")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
