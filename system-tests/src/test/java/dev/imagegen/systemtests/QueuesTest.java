package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

        browser.find(By.cssSelector("[data-queue='high_priority_tasks'] button[id$='-toggle']"))
                .click();
        await().atMost(Browser.WAIT).until(() -> browser.text(HIGH_PRIORITY).contains("paused"));
        browser.find(By.cssSelector("[data-queue='high_priority_tasks'] button[id$='-toggle']"))
                .click();
        await().atMost(Browser.WAIT).until(() -> browser.text(HIGH_PRIORITY).contains("active"));
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
}
