package dev.imagegen.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * A headless Chromium with a fresh profile, driven through Debian's chromedriver, and the few
 * steps the tests share. Paths can be changed with {@code -Dchromium.binary} and {@code -Dchromedriver.binary}.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final Path profile;
    private final ChromeDriver driver;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            profile = Files.createTempDirectory("imagegen-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                // The page follows the browser's language: the tests read English unless they switch.
                "--lang=en-US",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens a hash route of the page, such as {@code #/tasks}. */
    void open(String route) {
        driver.get(baseUrl + route);
    }

    void signIn(String username, String password) {
        open("#/login");
        type(By.id("username"), username);
        type(By.id("password"), password);
        find(By.id("login-button")).click();
        find(By.id("who-name"));
        await().atMost(WAIT).until(() -> username.equals(find(By.id("who-name")).getText()));
    }

    /** The element once it is on the page. */
    WebElement find(By by) {
        return await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> driver.findElement(by), WebElement::isDisplayed);
    }

    /**
     * Clicks the element, finding it again if the page redrew it between finding and clicking (a
     * progress event re-renders parts of the task page).
     */
    void click(By by) {
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    find(by).click();
                    return true;
                });
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    void type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
    }

    void select(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    /** The text of the element, waiting until it shows; the page redraws parts of itself as work progresses. */
    String text(By by) {
        return await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> driver.findElement(by).getText(), text -> true);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        Files.writeString(
                file.resolveSibling(file.getFileName().toString().replace(".png", ".html")), driver.getPageSource());
    }

    /**
     * Saves the page as {@code <name>.png} for the README when {@code -Dimagegen.screenshots=<dir>}
     * is set (the command that regenerates them sets it); otherwise does nothing.
     */
    void readmeScreenshot(String name) throws IOException {
        String dir = System.getProperty("imagegen.screenshots");
        if (dir == null || dir.isBlank()) return;
        Path file = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Lays the page out as a phone's screen of this size (headless Chromium keeps windows at least
     * 500 px wide, so the size is emulated, as DevTools' device mode does).
     */
    void windowSize(int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
