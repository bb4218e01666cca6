package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class MobileLayoutTest {

    @Test
    void atAPhonesWidthTheHeaderAndEveryListFitWithoutScrollingThePageSideways(Browser browser) throws Exception {
        User1Calls.submit("""
                {"name": "a rather long task name that a person typed on a phone without any spaces to break it",
                 "prompts": [{"type": "prompt", "value": "a narrow street in the rain"}]}
                """);
        browser.windowSize(390, 844);
        browser.signIn("user1", "user1");
        await().atMost(Browser.WAIT)
                .until(() -> !browser.all(By.cssSelector("#task-list tbody tr")).isEmpty());
        assertThat(((Number) browser.script("return window.innerWidth")).intValue())
                .isLessThanOrEqualTo(390);

        assertFits(browser, "#/tasks");
        for (String route : new String[] {"tasks", "new", "gallery", "queues", "dashboard"}) {
            By link = By.cssSelector("a[data-route=" + route + "]");
            assertThat(browser.find(link).isDisplayed())
                    .as("nav link %s shows", route)
                    .isTrue();
        }
        assertThat(browser.find(By.id("lang-switch")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("logout-button")).isDisplayed()).isTrue();

        browser.open("#/new");
        browser.find(By.id("submit-task"));
        assertFits(browser, "#/new");
        browser.open("#/queues");
        browser.find(By.cssSelector(".queue-card"));
        assertFits(browser, "#/queues");
        browser.open("#/dashboard");
        browser.find(By.id("queue-load"));
        assertFits(browser, "#/dashboard");
    }

    private static void assertFits(Browser browser, String route) {
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                        .intValue())
                .as("sideways overflow of %s in px", route)
                .isLessThanOrEqualTo(0);
    }
}
