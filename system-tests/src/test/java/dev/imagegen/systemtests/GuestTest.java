package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    void aGuestSeesATasksImagesButCannotRateOrCancel(Browser browser) throws Exception {
        String location = submitAsUser1("""
                {"name": "kite for the guest", "prompts": [{"type": "prompt", "value": "a red kite"}]}
                """);
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

    private static String submitAsUser1(String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(SystemUnderTest.get().baseUrl() + "api/tasks"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }
}
