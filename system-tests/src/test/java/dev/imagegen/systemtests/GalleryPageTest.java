package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class GalleryPageTest {

    @Test
    void anOwnerSharesATaskAndAnotherUserLikesItsArtworkAndFollowsItsTag(Browser browser) throws Exception {
        String location = User1Calls.submit("""
                {"name": "heron for the gallery", "prompts": [{"type": "prompt", "value": "a grey heron", "name": "heron"}]}
                """);
        String taskId = location.substring(location.lastIndexOf('/') + 1);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + taskId);
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-status")).equals("completed"));
        browser.click(By.id("share-task"));
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
        User1Calls.submit("""
                {"name": "osprey", "prompts": [{"type": "prompt", "value": "an osprey diving", "name": "osprey"}]}
                """);
        browser.signIn("user2", "user2");
        browser.open("#/gallery");
        browser.type(By.id("gallery-search"), "ospry");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("tag-suggestions")).contains("osprey"));
    }

    @Test
    void aManagerUploadsATagsHeaderImageOnItsPage(Browser browser) throws Exception {
        User1Calls.submit("""
                {"name": "crane", "prompts": [{"type": "prompt", "value": "a red-crowned crane", "name": "crane"}]}
                """);
        Matcher tag = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"")
                .matcher(User1Calls.send("GET", "api/tags?q=crane", null).body());
        assertThat(tag.find()).isTrue();
        Path picture = Files.createTempFile("header-", ".png");
        ImageIO.write(new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());

        browser.signIn("manager", "manager");
        browser.open("#/tags/" + tag.group(1));
        browser.find(By.id("upload-header-img")).sendKeys(picture.toString());
        browser.find(By.cssSelector("#tag-upload button[type=submit]")).click();
        await().atMost(Browser.WAIT)
                .ignoreExceptions()
                .until(() ->
                        browser.find(By.id("tag-header")).getAttribute("src").contains("/images/tags/"));
        // The picture arrived: the browser decoded the image it was served.
        await().atMost(Browser.WAIT)
                .until(() -> Long.valueOf(12)
                        .equals(browser.script("return document.getElementById('tag-header').naturalWidth")));
        Files.delete(picture);
    }
}
