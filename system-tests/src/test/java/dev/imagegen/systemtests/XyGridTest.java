package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The XY grid: axes by variable, the others fixed, names as labels, the large view, keys, comparison. */
@ExtendWith(BrowserExtension.class)
class XyGridTest {

    private static final String LAKE = """
            {"name": "湖边 XY", "prompts": [{"type": "prompt", "value": "a quiet lake at dawn"}],
             "ratio": {"value": "16:9", "is_variable": false, "variable_id": null},
             "variables": {
               "v0": {"type": "prompt", "values": [
                 {"type": "prompt", "value": "oil painting", "name": "油画"},
                 {"type": "prompt", "value": "watercolor", "name": "水彩"},
                 {"type": "prompt", "value": "ink wash painting", "name": "水墨"}]},
               "v1": {"type": "character", "values": [
                 {"type": "character", "value": "red fox", "name": "狐狸"},
                 {"type": "character", "value": "white crane", "name": "白鹤"},
                 {"type": "character", "value": "old fisherman", "name": "渔翁"}]},
               "v2": {"type": "element", "values": [
                 {"type": "element", "value": "morning mist", "name": "晨雾"},
                 {"type": "element", "value": "evening glow", "name": "晚霞"}]}}}
            """;

    @Test
    void twoVariablesMakeAxesLabelledByNameAndTheThirdIsFixed(Browser browser) throws Exception {
        String id = TaskPages.submit(LAKE);
        TaskPages.awaitFinished(id);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        browser.click(By.id("tab-xy"));

        await().atMost(Browser.WAIT)
                .until(() ->
                        browser.all(By.cssSelector("#xy-grid .xy-cell img")).size() == 9);
        assertThat(texts(browser, "#xy-grid th.xy-col")).containsExactly("油画", "水彩", "水墨");
        assertThat(texts(browser, "#xy-grid th.xy-row")).containsExactly("狐狸", "白鹤", "渔翁");
        assertThat(texts(browser, "#xy-fixed-v2 option")).containsExactly("晨雾", "晚霞");
        browser.readmeScreenshot("xy-grid");

        browser.select(By.id("xy-x"), "v2");
        await().atMost(Browser.WAIT)
                .until(() -> texts(browser, "#xy-grid th.xy-col").equals(List.of("晨雾", "晚霞")));
        assertThat(texts(browser, "#xy-fixed-v0 option")).containsExactly("油画", "水彩", "水墨");
        browser.select(By.id("xy-fixed-v0"), "2");
        await().atMost(Browser.WAIT)
                .until(() ->
                        browser.all(By.cssSelector("#xy-grid .xy-cell img")).size() == 6);
        browser.click(By.cssSelector(".xy-cell[data-x='1'][data-y='2']"));
        assertThat(browser.text(By.cssSelector("#large-view .lv-variables"))).isEqualTo("v0: 水墨 · v1: 渔翁 · v2: 晚霞");
    }

    @Test
    void theLargeViewShowsTheFullSubtaskAndArrowKeysMoveAlongTheAxes(Browser browser) throws Exception {
        String id = TaskPages.submit(LAKE);
        TaskPages.awaitFinished(id);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        browser.click(By.id("tab-xy"));
        await().atMost(Browser.WAIT)
                .until(() ->
                        browser.all(By.cssSelector("#xy-grid .xy-cell img")).size() == 9);

        // Arrow keys move the focus between cells; Enter opens the large view on the focused cell.
        browser.find(By.cssSelector(".xy-cell[data-x='0'][data-y='0']")).sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.script("return document.activeElement.dataset.x")).isEqualTo("1");
        browser.script(
                "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}))");
        assertThat(browser.script("return document.activeElement.dataset.y")).isEqualTo("1");
        browser.script("document.activeElement.click()");

        By variables = By.cssSelector("#large-view .lv-variables");
        await().atMost(Browser.WAIT).until(() -> browser.text(variables).equals("v0: 水彩 · v1: 白鹤 · v2: 晨雾"));
        assertThat(browser.text(By.cssSelector("#large-view .lv-prompt")))
                .contains("a quiet lake at dawn", "watercolor", "white crane", "morning mist");
        assertThat(browser.text(By.cssSelector("#large-view .lv-seed"))).matches("\\d+");
        assertThat(browser.text(By.cssSelector("#large-view .lv-ratio"))).isEqualTo("16:9");
        assertThat(browser.text(By.cssSelector("#large-view .lv-rating"))).isEqualTo("unrated");
        assertThat(browser.text(By.cssSelector("#large-view .lv-evaluation"))).isEqualTo("—");
        await().atMost(Browser.WAIT)
                .until(
                        () -> Boolean.TRUE.equals(
                                browser.script(
                                        "const i = document.querySelector('#large-view img'); return i.complete && i.naturalWidth > 0")));

        browser.find(By.id("lv-pin")).sendKeys(Keys.ARROW_RIGHT);
        await().atMost(Browser.WAIT).until(() -> browser.text(variables).equals("v0: 水墨 · v1: 白鹤 · v2: 晨雾"));
        browser.find(By.id("lv-pin")).sendKeys(Keys.ARROW_DOWN);
        await().atMost(Browser.WAIT).until(() -> browser.text(variables).equals("v0: 水墨 · v1: 渔翁 · v2: 晨雾"));

        // Pinned on the left, the next image on the right.
        browser.click(By.id("lv-pin"));
        browser.find(By.id("lv-pin")).sendKeys(Keys.ARROW_LEFT);
        await().atMost(Browser.WAIT)
                .until(() -> texts(browser, "#large-view .lv-variables")
                        .equals(List.of("v0: 水墨 · v1: 渔翁 · v2: 晨雾", "v0: 水彩 · v1: 渔翁 · v2: 晨雾")));

        browser.find(By.id("lv-pin")).sendKeys(Keys.ESCAPE);
        await().atMost(Browser.WAIT)
                .until(() -> browser.all(By.id("large-view")).isEmpty());
        assertThat(browser.script("return document.activeElement.dataset.x + ',' + document.activeElement.dataset.y"))
                .isEqualTo("1,2");
    }

    @Test
    void twoSelectedImagesOfTheGridAreComparedSideBySide(Browser browser) throws Exception {
        String id = TaskPages.submit(LAKE);
        TaskPages.awaitFinished(id);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        await().atMost(Browser.WAIT)
                .until(() ->
                        browser.all(By.cssSelector("#image-grid .image-card")).size() == 18);
        List<WebElement> picks = browser.all(By.cssSelector("#image-grid .select-image"));
        picks.get(0).click();
        picks.get(4).click();
        assertThat(browser.text(By.id("selection-count"))).isEqualTo("2 selected");

        browser.click(By.id("compare-selection"));
        await().atMost(Browser.WAIT)
                .until(() -> texts(browser, "#large-view .lv-variables").size() == 2);
        List<String> cards = texts(browser, "#image-grid .image-card .vars");
        assertThat(texts(browser, "#large-view .lv-variables")).containsExactly(cards.get(0), cards.get(4));
    }

    static List<String> texts(Browser browser, String css) {
        return browser.all(By.cssSelector(css)).stream()
                .map(e -> e.getText().isEmpty() ? e.getAttribute("textContent") : e.getText())
                .toList();
    }
}
