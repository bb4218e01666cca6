package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class LibraryTagFormTest {

    private static final String HEADER =
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E"
                    + "%3Ccircle cx='4' cy='4' r='4' fill='%23eee'/%3E%3C/svg%3E";

    @Test
    void aCharacterPickedFromTheLibraryShowsItsHeaderAndTheTaskIsFoundByTheTagsName(Browser browser) throws Exception {
        UUID uuid = UUID.randomUUID();
        PageDatabase.update("""
                INSERT INTO tags (uuid, type, name, value, name_zh, name_en, header_img)
                VALUES (?, 'character', 'Moon Rabbit', 'a white rabbit pounding herbs on the moon', '玉兔', 'Jade Rabbit', ?)
                """, uuid, HEADER);
        browser.signIn("user1", "user1");
        NewTaskForm form = new NewTaskForm(browser).name("festival night").tagType("character");

        form.tag("玉兔");
        browser.click(By.cssSelector("[data-tag-row='0'] .picker .pick"));

        await().atMost(Browser.WAIT)
                .until(() -> "a white rabbit pounding herbs on the moon"
                        .equals(browser.find(By.id("tag-0-value")).getDomProperty("value")));
        assertThat(browser.find(By.id("tag-0-header")).getAttribute("src")).isEqualTo(HEADER);
        assertThat(browser.text(By.id("tag-0-picked"))).contains("Moon Rabbit");
        form.submit();

        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String task = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        assertThat(PageDatabase.value(
                        "SELECT concat_ws(' | ', prompts -> 0 ->> 'uuid', prompts -> 0 ->> 'name',"
                                + " prompts -> 0 ->> 'header_img') FROM tasks WHERE id = ?::uuid",
                        task))
                .isEqualTo(uuid + " | Moon Rabbit | " + HEADER);

        // The tag's name is not in the task's name nor in its prompt text: the task is found by the tag.
        browser.find(By.cssSelector("a[data-route=tasks]")).click();
        browser.type(By.id("task-search"), "Moon Rabbit");
        await().atMost(Browser.WAIT)
                .until(() -> !browser.all(By.cssSelector("#task-list tr[data-task-id='" + task + "']"))
                        .isEmpty());
        await().atMost(Browser.WAIT)
                .until(() -> PageDatabase.value("SELECT task_count FROM tags WHERE uuid = ?", uuid)
                        .equals("1"));
    }
}
