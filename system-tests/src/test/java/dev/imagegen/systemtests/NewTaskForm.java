package dev.imagegen.systemtests;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Fills the page's new-task form the way a person does: field by field. */
final class NewTaskForm {

    private final Browser browser;

    NewTaskForm(Browser browser) {
        this(browser, true);
    }

    private NewTaskForm(Browser browser, boolean open) {
        this.browser = browser;
        if (open) {
            browser.open("#/new");
        }
        browser.find(By.id("submit-task"));
    }

    /** The form the page shows now (opened from a template, say), without opening an empty one. */
    static NewTaskForm onThePage(Browser browser) {
        return new NewTaskForm(browser, false);
    }

    NewTaskForm name(String name) {
        browser.type(By.id("task-name"), name);
        return this;
    }

    NewTaskForm tag(String text) {
        browser.type(By.id("tag-0-value"), text);
        return this;
    }

    NewTaskForm tagType(String type) {
        browser.select(By.id("tag-0-type"), type);
        return this;
    }

    /** Adds the next variable (v0, v1, ...) of this type with one value per line. */
    NewTaskForm variable(String type, String... values) {
        int index = browser.all(By.cssSelector("[data-variable]")).size();
        browser.find(By.id("add-variable")).click();
        String id = "v" + index;
        browser.select(By.id("var-" + id + "-type"), type);
        browser.type(By.id("var-" + id + "-values"), String.join("\n", values));
        return this;
    }

    NewTaskForm batchSize(String value) {
        WebElement input = browser.find(By.id("batch_size-value"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
        return this;
    }

    /** Binds a setting (ratio, seed, batch_size, polish) to a variable of its type. */
    NewTaskForm bind(String setting, String variableId) {
        browser.select(By.id(setting + "-mode"), "variable");
        browser.select(By.id(setting + "-variable"), variableId);
        return this;
    }

    String previewCount() {
        return browser.text(By.id("preview-count"));
    }

    void submit() {
        browser.find(By.id("submit-task")).click();
    }

    /** The error shown next to the field at this JSON path, such as {@code $.name}. */
    String errorAt(String path) {
        return browser.find(By.cssSelector("[data-path='" + path + "'] > .field-error"))
                .getText();
    }
}
