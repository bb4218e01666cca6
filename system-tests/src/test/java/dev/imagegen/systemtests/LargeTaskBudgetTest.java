package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running 10,000-subtask task (100 × 100 values, on the fast "dev" endpoint) for 30 s in
 * the browser and counts what the page costs: API requests (an open event stream is one request),
 * bytes (responses' transfer sizes plus what the event stream brought, counted by the page; the
 * stream names the cards shown and brings only theirs), DOM nodes, and the time from loading the
 * page to its first image, received and shown (painted). The figures are in docs/benchmarks.md.
 */
@ExtendWith(BrowserExtension.class)
class LargeTaskBudgetTest {

    private static final Logger log = LoggerFactory.getLogger(LargeTaskBudgetTest.class);
    private static final long WATCH_MS = 30_000;

    /**
     * When the first of the first row's card images was painted (they carry {@code elementtiming}), in ms from the
     * load, or -1 before.
     */
    private static final String FIRST_SHOWN = """
            const painted = [];
            new PerformanceObserver((list) => painted.push(...list.getEntries()))
              .observe({ type: 'element', buffered: true });
            await new Promise((resolve) => setTimeout(resolve, 100));
            const times = painted.filter((e) => e.identifier === 'first-images').map((e) => e.renderTime || e.loadTime);
            return times.length ? Math.round(Math.min(...times)) : -1;
            """;

    private static final String MEASURE = """
            return (async () => {
            const painted = await (async () => {
            %s
            })();
            const resources = performance.getEntriesByType('resource');
            const api = resources.filter(e => e.name.includes('/api/'));
            const stream = (e) => e.name.endsWith('/events') || e.name.includes('/events?');
            const streams = api.filter(stream);
            const calls = api.filter(e => !stream(e));
            const live = document.getElementById('live-mode').dataset;
            const images = resources.filter(e => e.name.includes('/images/'));
            return JSON.stringify({
              requests: calls.length + Math.max(streams.length, Number(live.connections || 0)),
              fetchBytes: calls.reduce((n, e) => n + e.transferSize, 0),
              streamBytes: Number(live.bytes || 0),
              events: Number(live.events || 0),
              dom: document.getElementsByTagName('*').length,
              cards: document.querySelectorAll('.image-card').length,
              images: images.length,
              imageBytes: images.reduce((n, e) => n + e.transferSize, 0),
              firstImage: Math.round(Math.min(...images.map(e => e.responseEnd))),
              firstShown: painted,
              meReads: calls.filter(e => e.name.endsWith('/api/me')).length,
              taskReads: calls.filter(e => /\\/api\\/tasks\\/[0-9a-f-]+$/.test(e.name)).length,
              firstPageReads: calls.filter(e => /\\/api\\/tasks\\/[0-9a-f-]+\\/subtasks\\?limit=48$/.test(e.name)).length,
              elapsed: Math.round(performance.now()),
              timeline: resources.filter(e => !e.name.includes('/images/') || e === images[0])
                .map(e => `${e.name.replace(location.origin, '').split('?subtask')[0]} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)}`)
                .join(', ')
            });
            })();
            """.formatted(FIRST_SHOWN);

    @Test
    void watchingARunningTenThousandSubtaskTaskForThirtySecondsStaysWithinItsBudget(Browser browser) throws Exception {
        String id = TaskPages.submit("""
                {"name": "ten thousand lanterns", "make_api_queue": "dev",
                 "prompts": [{"type": "prompt", "value": "a paper lantern"}],
                 "variables": {"v0": %s, "v1": %s}}
                """.formatted(
                TaskPages.variable("prompt", "style", "风格", 100), TaskPages.variable("element", "place", "地点", 100)));
        // The first page's subtasks are the first dispatched: wait until some of them are done.
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TaskPages.completedSubtasks(id) >= 100);

        browser.signIn("user1", "user1");
        browser.open("#/tasks/" + id);
        browser.script("location.reload()");
        browser.script("performance.setResourceTimingBufferSize(100000)");
        int completedBefore = TaskPages.completedSubtasks(id);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        ((Number) browser.script("return (async () => {" + FIRST_SHOWN + "})();")).longValue() >= 0);
        String atFirstImage = (String) browser.script(MEASURE);
        System.out.println("LARGE TASK FIRST IMAGE: " + atFirstImage);
        Map<String, Long> first = parse(atFirstImage);
        long firstImage = first.get("firstImage");
        long firstShown = first.get("firstShown");
        // index.html asks for who is signed in, the task and its first page before the modules run; the page takes
        // those answers instead of asking again.
        assertThat(first.get("meReads")).as("/api/me read once").isEqualTo(1);
        assertThat(first.get("taskReads")).as("the task read once").isEqualTo(1);
        assertThat(first.get("firstPageReads")).as("the first page read once").isEqualTo(1);
        await().atMost(Duration.ofSeconds(WATCH_MS / 1000 + 15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ((Number) browser.script("return performance.now()")).longValue() >= WATCH_MS);
        String figures = (String) browser.script(MEASURE);
        int completedAfter = TaskPages.completedSubtasks(id);
        String status = TaskPages.status(id);
        // The rest of the 10,000 would hold the queue for the tests after this one.
        TaskPages.cancel(id);

        Map<String, Long> m = parse(figures);
        long bytes = m.get("fetchBytes") + m.get("streamBytes");
        String line = String.format(
                "10,000-subtask task watched %d ms: first image %d ms (shown %d ms), %d API requests, %d bytes (%d responses + %d"
                        + " from %d events), %d DOM nodes, %d cards, %d images (%d bytes); %d subtasks completed"
                        + " meanwhile (%d → %d), task %s",
                m.get("elapsed"),
                firstImage,
                firstShown,
                m.get("requests"),
                bytes,
                m.get("fetchBytes"),
                m.get("streamBytes"),
                m.get("events"),
                m.get("dom"),
                m.get("cards"),
                m.get("images"),
                m.get("imageBytes"),
                completedAfter - completedBefore,
                completedBefore,
                completedAfter,
                status);
        log.info(line);
        System.out.println("LARGE TASK BUDGET: " + line);
        System.out.println("LARGE TASK TIMELINE: " + figures);

        assertThat(completedAfter).as("the task was running while watched").isGreaterThan(completedBefore);
        // The first image's time is printed above and recorded in docs/benchmarks.md, not asserted: it
        // measures the machine as much as the page.
        assertThat(firstImage).as("an image was received").isPositive();
        assertThat(firstShown).as("an image was shown").isGreaterThanOrEqualTo(firstImage);
        assertThat(m.get("requests")).as("API requests").isLessThanOrEqualTo(30);
        assertThat(bytes).as("API bytes").isLessThanOrEqualTo(2_000_000);
        assertThat(m.get("cards")).as("cards").isLessThanOrEqualTo(48);
        assertThat(m.get("dom")).as("DOM nodes").isLessThanOrEqualTo(3_000);
        assertThat(m.get("events")).as("live events").isPositive();
        // The stream brings the changes of the 48 cards shown, not of every subtask the task completes meanwhile.
        assertThat(m.get("streamBytes")).as("live event bytes").isLessThanOrEqualTo(150_000);
    }

    private static Map<String, Long> parse(String json) {
        Map<String, Long> values = new java.util.HashMap<>();
        Matcher pair = Pattern.compile("\"(\\w+)\":(-?\\d+)").matcher(json);
        while (pair.find()) {
            values.put(pair.group(1), Long.parseLong(pair.group(2)));
        }
        return values;
    }
}
