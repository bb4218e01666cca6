package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class GuestTest {

    @Test
    void aGuestReadsTasksButIsOfferedNoSubmitForm(Browser browser) {
        browser.signIn("guest", "guest");

        assertThat(browser.text(By.id("who-role"))).isEqualTo("guest");
        browser.find(By.id("task-list"));
        assertThat(browser.all(By.id("new-task-link"))).isEmpty();
        assertThat(browser.all(By.id("nav-new")).getFirst().isDisplayed()).isFalse();

        browser.open("#/new");
        assertThat(browser.text(By.tagName("main"))).contains("Read-only account");
        assertThat(browser.all(By.id("submit-task"))).isEmpty();
    }

    @Test
    void aGuestSeesASharedTasksImagesButCannotRateOrCancel(Browser browser) throws Exception {
        String location = User1Calls.submit("""
                {"name": "kite for the guest", "prompts": [{"type": "prompt", "value": "a red kite"}]}
                """);
        assertThat(User1Calls.send("PATCH", location, "{\"visibility\": \"shared\"}")
                        .statusCode())
                .isEqualTo(200);
        browser.signIn("guest", "guest");

        browser.open("#" + location.substring(location.indexOf("/tasks/")));
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-status")).equals("completed"));
        browser.find(By.cssSelector(".image-card"));
        assertThat(browser.all(By.id("cancel-task"))).isEmpty();
        assertThat(browser.all(By.cssSelector(".rate-good, .rate-poor, textarea.evaluation")))
                .hasSize(3)
                .noneMatch(control -> control.isEnabled());
    }
}
