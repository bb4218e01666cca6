package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The task page's grid: one page of cards at a time, cursor paging, filters, live changes, phones, Chinese. */
@ExtendWith(BrowserExtension.class)
class TaskPageGridTest {

    private static final By CARDS = By.cssSelector("#image-grid .image-card");

    @Test
    void sixtyImagesAreShownFortyEightAtATimeAndFilteredByStatusRatingAndVariableValue(Browser browser)
            throws Exception {
        String id = TaskPages.submit("""
                {"name": "lanterns by the page", "prompts": [{"type": "prompt", "value": "a paper lantern"}],
                 "variables": {"v0": %s}}
                """.formatted(TaskPages.variable("prompt", "style", "style", 60)));
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);

        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 48);
        assertThat(browser.text(By.id("page-text"))).isEqualTo("Page 1 of 2");
        // Live subtask changes turn every card shown to completed without reading the page again.
        await().atMost(TaskPages.GENERATION)
                .until(() -> browser.all(By.cssSelector("#image-grid .image-card[data-status=completed]"))
                                .size()
                        == 48);
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("task-status")).equals("completed"));
        browser.readmeScreenshot("task-page");

        // A reload of the page shown (here Refresh; also the stream's end, or polling) must not swallow
        // a click on Next made while it loads: both clicks in one turn of the page's event loop.
        browser.script("document.getElementById('grid-refresh').click(); document.getElementById('page-next').click()");
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 12);
        assertThat(browser.text(By.id("page-text"))).isEqualTo("Page 2 of 2");
        assertThat(browser.find(By.id("page-next")).isEnabled()).isFalse();
        browser.click(By.id("page-prev"));
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 48);

        browser.select(By.id("filter-v0"), "7");
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 1);
        assertThat(browser.text(By.cssSelector("#image-grid .image-card .vars")))
                .isEqualTo("v0: style 8");
        browser.click(By.cssSelector("#image-grid .image-card .rate-good"));
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("good-count")).equals("1"));

        browser.select(By.id("filter-v0"), "");
        browser.select(By.id("filter-rating"), "good");
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 1);
        assertThat(browser.text(By.cssSelector("#image-grid .image-card .vars")))
                .isEqualTo("v0: style 8");
        assertThat(browser.text(By.id("page-text"))).isEqualTo("Page 1");

        browser.select(By.id("filter-rating"), "");
        browser.select(By.id("filter-status"), "failed");
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).isEmpty());
        assertThat(browser.text(By.id("grid-state"))).contains("No images match");
        browser.select(By.id("filter-status"), "completed");
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 48);
    }

    @Test
    void onAPhoneTheTaskPageTheXyGridAndTheLargeViewNeedNoSidewaysScrolling(Browser browser) throws Exception {
        String id = TaskPages.submit("""
                {"name": "a long task name that has to wrap on a phone: herons, cranes and egrets at dusk",
                 "prompts": [{"type": "prompt", "value": "a wading bird"}],
                 "variables": {"v0": %s, "v1": %s}}
                """.formatted(
                TaskPages.variable("prompt", "light", "光线", 4), TaskPages.variable("element", "place", "地点", 3)));
        TaskPages.awaitFinished(id);
        browser.windowSize(390, 844);
        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 12);
        assertNoSidewaysScroll(browser);

        browser.click(By.id("tab-xy"));
        await().atMost(Browser.WAIT)
                .until(() -> browser.all(By.cssSelector(".xy-cell img")).size() == 12);
        assertNoSidewaysScroll(browser);

        browser.click(By.cssSelector(".xy-cell"));
        browser.find(By.cssSelector("#large-view .lv-pane"));
        browser.click(By.id("lv-pin"));
        browser.find(By.id("lv-pin")).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        await().atMost(Browser.WAIT)
                .until(() -> browser.all(By.cssSelector("#large-view .lv-pane")).size() == 2);
        assertNoSidewaysScroll(browser);
    }

    @Test
    void theTaskPageSpeaksChineseWhenChineseIsChosen(Browser browser) throws Exception {
        String id = TaskPages.submit("""
                {"name": "灯笼", "prompts": [{"type": "prompt", "value": "a red lantern"}],
                 "variables": {"v0": %s}}
                """.formatted(TaskPages.variable("prompt", "style", "风格", 2)));
        TaskPages.awaitFinished(id);
        browser.signIn("user1", "user1");
        browser.script("localStorage.setItem('imagegen.locale', 'zh-CN')");
        browser.open("#/tasks/" + id);
        browser.script("location.reload()");

        await().atMost(Browser.WAIT).until(() -> browser.all(CARDS).size() == 2);
        assertThat(browser.text(By.id("download-all"))).isEqualTo("全部下载");
        assertThat(browser.text(By.id("use-template"))).isEqualTo("用作模板");
        assertThat(browser.text(By.id("tab-xy"))).isEqualTo("XY 网格");
        assertThat(browser.text(By.id("page-text"))).isEqualTo("第 1 / 1 页");
        assertThat(browser.text(By.cssSelector("label[for=filter-status]"))).isEqualTo("状态");
        assertThat(browser.text(By.cssSelector("#image-grid .image-card .vars")))
                .isEqualTo("v0: 风格 1");
    }

    static void assertNoSidewaysScroll(Browser browser) {
        Object scroll = browser.script("return document.documentElement.scrollWidth");
        Object width = browser.script("return window.innerWidth");
        assertThat(((Number) scroll).longValue())
                .as("page width %s in a %s px window", scroll, width)
                .isLessThanOrEqualTo(((Number) width).longValue());
    }
}
