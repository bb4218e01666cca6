package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class SignInTest {

    @Test
    void anAdminSignsInWithTheFormAndIsOfferedTheLogs(Browser browser) {
        browser.signIn("admin", "admin");

        assertThat(browser.text(By.id("who-role"))).isEqualTo("admin");
        assertThat(browser.find(By.id("task-list")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("nav-logs")).isDisplayed()).isTrue();
        browser.find(By.id("nav-logs")).click();
        browser.find(By.id("log-level"));
    }

    @Test
    void aWrongPasswordIsRefusedOnTheForm(Browser browser) {
        browser.open("#/login");
        browser.type(By.id("username"), "user1");
        browser.type(By.id("password"), "not-the-password");
        browser.find(By.id("login-button")).click();

        assertThat(browser.text(By.id("login-error"))).contains("Wrong user name or password");
        assertThat(browser.all(By.id("nav")).getFirst().isDisplayed()).isFalse();
    }

    @Test
    void signingOutReturnsToTheLoginForm(Browser browser) {
        browser.signIn("user2", "user2");
        browser.find(By.id("logout-button")).click();

        browser.find(By.id("login-button"));
        browser.open("#/tasks");
        assertThat(browser.find(By.id("login-button")).isDisplayed()).isTrue();
    }
}
