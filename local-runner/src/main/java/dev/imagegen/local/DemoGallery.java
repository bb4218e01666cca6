package dev.imagegen.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gallery's demo data, through the API like the sample tasks: Chinese and English names for
 * the samples' tags (set by the manager), two sample tasks shared by their owners, and, once the
 * workers have finished a few images, some likes.
 */
final class DemoGallery {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern SUBTASK = Pattern.compile("\"subtask_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** Library uuid, Chinese name, English name of each sample tag. */
    private static final String[][] NAMES = {
        {"0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e01", "风景", "Landscape"},
        {"0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e02", "日出", "Sunrise"},
        {"0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e03", "月夜", "Moonlit night"},
        {"0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e04", "瀑布", "Waterfalls"},
        {"0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e05", "樱花", "Cherry blossoms"},
        {"1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f01", "机甲驾驶员", "Cyborg pilot"},
        {"1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f02", "霓虹城市", "Neon city"},
        {"1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f03", "轨道站", "Orbital station"},
        {"2d9b5e1a-3f4c-4e7d-a081-9cadbe2f3a01", "柔光", "Lumina soft light"},
        {"2d9b5e1a-3f4c-4e7d-a081-9cadbe2f3a02", "古镇雨夜", "Rainy old town at night"}
    };

    /** A sample task the API accepted: its owner and id. */
    record Created(String user, String id) {

        static Created of(String user, String answer) {
            Matcher id = ID.matcher(answer);
            return new Created(user, id.find() ? id.group(1) : null);
        }
    }

    private DemoGallery() {}

    static void prepare(String base, List<Created> created) throws IOException, InterruptedException {
        for (String[] tag : NAMES) {
            send(
                    base,
                    "PUT",
                    "/api/tags/" + tag[0],
                    "manager",
                    "{\"name_zh\": \"%s\", \"name_en\": \"%s\"}".formatted(tag[1], tag[2]));
        }
        // The first two samples (one of user1, one of user2) are shared; the third stays private.
        for (Created task : created.subList(0, Math.min(2, created.size()))) {
            if (task.id() != null) {
                send(base, "PATCH", "/api/tasks/" + task.id(), task.user(), "{\"visibility\": \"shared\"}");
            }
        }
        Thread.ofVirtual().name("demo-likes").start(() -> likeWhenReady(base));
    }

    /** Waits up to two minutes for shared artworks, then each demo user likes the first few. */
    private static void likeWhenReady(String base) {
        try {
            for (int attempt = 0; attempt < 120; attempt++) {
                HttpResponse<String> page = send(base, "GET", "/api/gallery?limit=3", "guest", null);
                Matcher subtask = SUBTASK.matcher(page.body());
                int liked = 0;
                while (subtask.find()) {
                    for (String user : liked == 0 ? List.of("user1", "user2", "manager") : List.of("user2")) {
                        send(base, "PUT", "/api/gallery/" + subtask.group(1) + "/like", user, null);
                    }
                    liked++;
                }
                if (liked >= 3) {
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            System.err.println("Demo likes skipped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, String user, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", DemoTasks.basic(user))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            System.err.println("Demo " + method + " " + path + " answered " + response.statusCode());
        }
        return response;
    }
}
