package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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
}
