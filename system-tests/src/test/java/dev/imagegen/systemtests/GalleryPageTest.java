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
class GalleryPageTest {

    @Test
    void anOwnerSharesATaskAndAnotherUserLikesItsArtworkAndFollowsItsTag(Browser browser) throws Exception {
        String location = submitAsUser1("""
                {"name": "heron for the gallery", "prompts": [{"type": "prompt", "value": "a grey heron", "name": "heron"}]}
                """);
        String taskId = location.substring(location.lastIndexOf('/') + 1);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + taskId);
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-status")).equals("completed"));
        browser.find(By.id("share-task")).click();
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("share-task")).startsWith("Shared"));
        browser.find(By.id("logout-button")).click();

        browser.signIn("user2", "user2");
        browser.open("#/gallery");
        By card = By.cssSelector("figure.artwork");
        await().atMost(Browser.WAIT)
                .until(() -> browser.all(card).stream()
                        .anyMatch(figure -> figure.getText().contains("heron for the gallery")));
        var heron = browser.all(card).stream()
                .filter(figure -> figure.getText().contains("heron for the gallery"))
                .findFirst()
                .orElseThrow();
        var like = heron.findElement(By.cssSelector("button.like"));
        like.click();
        await().atMost(Browser.WAIT).until(() -> like.getText().equals("♥ 1"));

        heron.findElement(By.cssSelector("a.chip")).click();
        await().atMost(Browser.WAIT).until(() -> browser.all(By.id("tag-name")).size() == 1);
        assertThat(browser.text(By.id("tag-name"))).isEqualTo("heron");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("tag-image-count")).equals("1"));
        assertThat(browser.all(By.id("tag-editor"))).isEmpty();
    }

    @Test
    void theSearchBoxSuggestsLibraryTags(Browser browser) throws Exception {
        submitAsUser1("""
                {"name": "osprey", "prompts": [{"type": "prompt", "value": "an osprey diving", "name": "osprey"}]}
                """);
        browser.signIn("user2", "user2");
        browser.open("#/gallery");
        browser.type(By.id("gallery-search"), "ospry");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("tag-suggestions")).contains("osprey"));
    }

    private static String submitAsUser1(String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(SystemUnderTest.get().baseUrl() + "api/tasks"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }
}
