package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class LanguageSwitchTest {

    @Test
    void theHeaderSwitchToChineseTranslatesThePageAndIsRememberedAfterAReload(Browser browser) {
        browser.signIn("user1", "user1");
        assertThat(browser.text(By.cssSelector("a[data-route=tasks]"))).isEqualTo("Tasks");
        assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Tasks");

        browser.select(By.id("lang-switch"), "zh-CN");

        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.cssSelector("main h1")).equals("任务"));
        assertThat(browser.text(By.cssSelector("a[data-route=tasks]"))).isEqualTo("任务");
        assertThat(browser.text(By.cssSelector("a[data-route=dashboard]"))).isEqualTo("仪表盘");
        assertThat(browser.text(By.id("logout-button"))).isEqualTo("退出登录");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");

        browser.script("location.hash = '#/new'; location.reload()");
        NewTaskForm form = new NewTaskForm(browser);
        assertThat(browser.text(By.cssSelector("label[for=task-name]"))).isEqualTo("名称");
        assertThat(browser.text(By.id("submit-task"))).isEqualTo("提交任务");
        assertThat(browser.text(By.cssSelector("label[for=tag-0-value]"))).isEqualTo("标签 1 文本");
        assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("新建任务");
        form.tag("湖面上的一只白鹭");
        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("1 个子任务"));

        // A refused field is shown next to it in the page, in the language the server answers.
        form.batchSize("9").submit();
        await().atMost(Browser.WAIT).until(() -> !form.errorAt("$.batch_size").isEmpty());
        assertThat(form.errorAt("$.batch_size")).isEqualTo("必须在 1 到 8 之间");
        assertThat(form.errorAt("$.name")).isNotEmpty();

        browser.select(By.id("lang-switch"), "en");
        await().atMost(Browser.WAIT)
                .until(() -> browser.text(By.id("submit-task")).equals("Submit task"));
        assertThat(browser.text(By.cssSelector("a[data-route=tasks]"))).isEqualTo("Tasks");
    }
}
