package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The task page's actions: zip downloads, use as template, delete, and cancel or retry one subtask. */
@ExtendWith(BrowserExtension.class)
class TaskActionsTest {

    private static final By CARDS = By.cssSelector("#image-grid .image-card");

    /** Fetches a zip the page asked for: its first two bytes, its entry count (central directory), a manifest. */
    private static final String ZIP_SUMMARY = """
            return fetch(arguments[0]).then(r => r.arrayBuffer()).then(buffer => {
              const bytes = new Uint8Array(buffer);
              const text = new TextDecoder('latin1').decode(bytes);
              return String.fromCharCode(bytes[0], bytes[1]) + ' ' + (text.split('PK\\u0001\\u0002').length - 1)
                  + ' ' + text.includes('manifest.csv');
            });
            """;

    @AfterEach
    void resumeTheLuminaQueue() throws Exception {
        TaskPages.setQueueActive("lumina_tasks", true);
    }

    @Test
    void allImagesAndTheSelectedOnesDownloadAsZipsWithAManifest(Browser browser) throws Exception {
        String id = TaskPages.submit("""
                {"name": "kites to take away", "prompts": [{"type": "prompt", "value": "a kite"}],
                 "batch_size": {"value": 1, "is_variable": false, "variable_id": null},
                 "variables": {"v0": %s}}
                """.formatted(TaskPages.variable("prompt", "colour", "colour", 3)));
        TaskPages.awaitFinished(id);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 3);
        // The page hands its zip to the browser through a link's click; keep what it asks for instead.
        browser.script("""
                window.downloads = [];
                HTMLAnchorElement.prototype.click = function () { window.downloads.push({href: this.href, name: this.download}); };
                """);

        browser.click(By.id("download-all"));
        await().atMost(Browser.WAIT).until(() -> ((Number) browser.script("return downloads.length")).intValue() == 1);
        assertThat((String) browser.script("return downloads[0].href")).endsWith("/api/tasks/" + id + "/images.zip");
        assertThat(browser.script("return downloads[0].name")).isEqualTo("kites to take away.zip");
        assertThat(browser.script(ZIP_SUMMARY, browser.script("return downloads[0].href")))
                .isEqualTo("PK 4 true");

        List<WebElement> picks = browser.all(By.cssSelector("#image-grid .select-image"));
        picks.get(0).click();
        picks.get(2).click();
        browser.click(By.id("download-selection"));
        await().atMost(Browser.WAIT).until(() -> ((Number) browser.script("return downloads.length")).intValue() == 2);
        assertThat(browser.script("return downloads[1].name")).isEqualTo("kites to take away-selection.zip");
        assertThat(browser.script(ZIP_SUMMARY, browser.script("return downloads[1].href")))
                .isEqualTo("PK 3 true");
    }

    @Test
    void useAsTemplateLeadsToTheFormAndDeleteTakesTheTaskAway(Browser browser) throws Exception {
        String id = TaskPages.submit("""
                {"name": "a task to delete", "prompts": [{"type": "prompt", "value": "a paper boat"}]}
                """);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        assertThat(browser.find(By.id("use-template")).getAttribute("href")).endsWith("#/new?template=" + id);

        browser.click(By.id("delete-task"));
        assertThat(browser.text(By.id("delete-task"))).isEqualTo("Really delete?");
        browser.click(By.id("delete-task"));
        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().endsWith("#/tasks"));
        assertThat(User1Calls.send("GET", "api/tasks/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void oneSubtaskIsCancelledAndRetriedFromItsCardAndItsResultArrivesLive(Browser browser) throws Exception {
        TaskPages.setQueueActive("lumina_tasks", false);
        String id = TaskPages.submit("""
                {"name": "auroras, one at a time", "prompts": [{"type": "lumina", "value": "an aurora"}],
                 "variables": {"v0": %s}}
                """.formatted(TaskPages.variable("prompt", "sky", "sky", 3)));
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 3);
        WebElement first = browser.all(CARDS).getFirst();
        String subtask = first.getAttribute("data-subtask-id");

        first.findElement(By.cssSelector(".cancel-subtask")).click();
        await().atMost(Browser.WAIT).until(() -> "cancelled".equals(first.getAttribute("data-status")));
        assertThat(TaskPages.subtaskStatus(subtask)).isEqualTo("cancelled");

        first.findElement(By.cssSelector(".retry-subtask")).click();
        await().atMost(Browser.WAIT).until(() -> "pending".equals(first.getAttribute("data-status")));
        assertThat(TaskPages.subtaskStatus(subtask)).isEqualTo("pending");

        TaskPages.setQueueActive("lumina_tasks", true);
        await().atMost(TaskPages.GENERATION).until(() -> "completed".equals(first.getAttribute("data-status")));
        await().atMost(Browser.WAIT)
                .until(() -> !first.findElements(By.cssSelector(".thumb img")).isEmpty());
    }
}
