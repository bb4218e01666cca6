package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

@ExtendWith(BrowserExtension.class)
class TaskTemplateTest {

    @Test
    void aTaskUsedAsATemplateFillsTheFormAndItsEditedCopyKeepsTagsVariablesAndSettings(Browser browser)
            throws Exception {
        String location = User1Calls.submit("""
                {"name": "cranes at dawn", "priority": 3,
                 "prompts": [{"uuid": "9b1f0c9e-3f0a-4d7e-9a51-0c7d7e0a1b01", "type": "character", "value": "a red-crowned crane",
                              "weight": 1.2, "name": "丹顶鹤", "header_img": "https://example.invalid/crane.png"}],
                 "ratio": {"value": null, "is_variable": true, "variable_id": "v1"},
                 "seed": {"value": 77, "is_variable": false, "variable_id": null},
                 "batch_size": {"value": 2, "is_variable": false, "variable_id": null},
                 "polish": {"value": true, "is_variable": false, "variable_id": null},
                 "variables": {
                   "v0": {"type": "prompt", "values": [{"type": "prompt", "value": "ink wash", "name": "水墨"},
                                                       {"type": "prompt", "value": "gold leaf", "name": "金箔"}]},
                   "v1": {"type": "ratio", "values": ["1:1", "16:9"]}}}
                """);
        String template = location.substring(location.lastIndexOf('/') + 1);
        browser.signIn("user1", "user1");

        browser.open("#/new?template=" + template);

        browser.find(By.id("template-note"));
        await().atMost(Browser.WAIT)
                .until(() ->
                        "cranes at dawn".equals(browser.find(By.id("task-name")).getDomProperty("value")));
        assertThat(browser.find(By.id("task-priority")).getDomProperty("value")).isEqualTo("3");
        assertThat(browser.find(By.id("tag-0-value")).getDomProperty("value")).isEqualTo("a red-crowned crane");
        assertThat(browser.find(By.id("tag-0-type")).getDomProperty("value")).isEqualTo("character");
        assertThat(browser.find(By.id("tag-0-header")).getAttribute("src"))
                .isEqualTo("https://example.invalid/crane.png");
        assertThat(browser.find(By.id("var-v0-values")).getDomProperty("value")).isEqualTo("ink wash\ngold leaf");
        assertThat(browser.find(By.id("var-v1-type")).getDomProperty("value")).isEqualTo("ratio");
        assertThat(browser.find(By.id("ratio-mode")).getDomProperty("value")).isEqualTo("variable");
        assertThat(browser.find(By.id("seed-value")).getDomProperty("value")).isEqualTo("77");
        assertThat(browser.find(By.id("batch_size-value")).getDomProperty("value"))
                .isEqualTo("2");
        assertThat(browser.find(By.id("polish-value")).isSelected()).isTrue();
        NewTaskForm form = NewTaskForm.onThePage(browser);
        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("4 subtasks"));

        form.name("cranes at dawn, again");
        browser.type(By.id("var-v0-values"), "ink wash\ngold leaf\nsilk");
        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("6 subtasks"));
        form.submit();

        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String copy = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        assertThat(copy).isNotEqualTo(template);
        assertThat(PageDatabase.value("""
                        SELECT concat_ws(' | ', name, priority, total_images, prompts -> 0 ->> 'uuid',
                                         prompts -> 0 ->> 'name', prompts -> 0 ->> 'header_img', prompts -> 0 ->> 'weight',
                                         variables -> 'v0' -> 'values' -> 0 ->> 'name',
                                         variables -> 'v0' -> 'values' -> 2 ->> 'value',
                                         jsonb_array_length(variables -> 'v1' -> 'values'),
                                         ratio ->> 'variable_id', seed ->> 'value', batch_size ->> 'value', polish ->> 'value')
                          FROM tasks WHERE id = ?::uuid
                        """, copy))
                .isEqualTo("cranes at dawn, again | 3 | 6 | 9b1f0c9e-3f0a-4d7e-9a51-0c7d7e0a1b01 | 丹顶鹤"
                        + " | https://example.invalid/crane.png | 1.2 | 水墨 | silk | 2 | v1 | 77 | 2 | true");
    }

    @Test
    void generationParametersAreSetInTheFormAndComeWithTheTemplate(Browser browser) throws Exception {
        browser.signIn("user1", "user1");
        NewTaskForm form = new NewTaskForm(browser)
                .name("lanterns by steps")
                .tag("a paper lantern")
                .variable("steps", "20", "40");
        browser.click(By.id("add-parameter"));
        browser.select(By.id("parameter-0-name"), "sampler");
        browser.type(By.id("parameter-0-value"), "Euler a");
        await().atMost(Browser.WAIT).until(() -> form.previewCount().equals("2 subtasks"));
        form.submit();

        await().atMost(Browser.WAIT).until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$"));
        String first = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        // The steps variable is the axis the steps vary along: each subtask has its value.
        assertThat(PageDatabase.value(
                        "SELECT (parameters = ?::jsonb)::text FROM tasks WHERE id = ?::uuid",
                        "{\"sampler\": \"Euler a\", \"steps\": {\"is_variable\": true, \"variable_id\": \"v0\"}}",
                        first))
                .isEqualTo("true");
        assertThat(PageDatabase.column(
                        "SELECT parameters::text FROM subtasks WHERE task_id = ?::uuid ORDER BY seq", first))
                .containsExactly(
                        "{\"steps\": 20, \"sampler\": \"Euler a\"}", "{\"steps\": 40, \"sampler\": \"Euler a\"}");

        browser.open("#/new?template=" + first);
        await().atMost(Browser.WAIT)
                .until(() -> "lanterns by steps"
                        .equals(browser.find(By.id("task-name")).getDomProperty("value")));
        assertThat(browser.find(By.id("parameter-0-name")).getDomProperty("value"))
                .isEqualTo("sampler");
        assertThat(browser.find(By.id("parameter-0-value")).getDomProperty("value"))
                .isEqualTo("Euler a");
        assertThat(browser.find(By.id("var-v0-type")).getDomProperty("value")).isEqualTo("steps");
        NewTaskForm copy = NewTaskForm.onThePage(browser).name("lanterns by steps, again");
        browser.click(By.id("add-parameter"));
        browser.select(By.id("parameter-1-name"), "cfg_scale");
        browser.type(By.id("parameter-1-value"), "99");
        copy.submit();
        await().atMost(Browser.WAIT)
                .until(() -> !copy.errorAt("$.parameters.cfg_scale").isEmpty());
        assertThat(copy.errorAt("$.parameters.cfg_scale")).contains("30");

        browser.type(By.id("parameter-1-value"), "6.5");
        copy.submit();

        await().atMost(Browser.WAIT)
                .until(() -> browser.currentUrl().matches(".*#/tasks/[0-9a-f-]{36}$")
                        && !browser.currentUrl().endsWith(first));
        String second = browser.currentUrl().substring(browser.currentUrl().lastIndexOf('/') + 1);
        assertThat(PageDatabase.value(
                        "SELECT (parameters = ?::jsonb)::text FROM tasks WHERE id = ?::uuid",
                        "{\"sampler\": \"Euler a\", \"cfg_scale\": 6.5,"
                                + " \"steps\": {\"is_variable\": true, \"variable_id\": \"v0\"}}",
                        second))
                .isEqualTo("true");
    }
}
