package dev.imagegen.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The seed's sample tasks, submitted through the API on a first run (when user1 has no task yet),
 * so a new installation opens on tasks that are being generated.
 */
final class DemoTasks {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Sample(String user, String body) {}

    private static final List<Sample> SAMPLES =
            List.of(new Sample("user1", """
                    {"name": "幻想风景生成任务", "priority": 1,
                     "prompts": [{"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e01", "type": "prompt", "value": "fantasy landscape, floating islands", "weight": 1.0, "name": "风景"}],
                     "ratio": {"value": "16:9", "is_variable": false, "variable_id": null},
                     "seed": {"value": null, "is_variable": false, "variable_id": null},
                     "batch_size": {"value": 1, "is_variable": false, "variable_id": null},
                     "polish": {"value": true, "is_variable": false, "variable_id": null},
                     "variables": {"v0": {"type": "prompt", "values": [
                         {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e02", "type": "prompt", "value": "sunrise", "weight": 1.0, "name": "日出"},
                         {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e03", "type": "prompt", "value": "moonlit night", "weight": 1.2, "name": "月夜"}]},
                       "v1": {"type": "element", "values": [
                         {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e04", "type": "element", "value": "waterfalls", "weight": 1.0, "name": "瀑布"},
                         {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e05", "type": "element", "value": "cherry blossoms", "weight": 1.0, "name": "樱花"}]}}}
                    """), new Sample("user2", """
                    {"name": "科幻人物生成任务", "priority": 2,
                     "prompts": [{"uuid": "1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f01", "type": "character", "value": "cyborg pilot", "weight": 1.0, "name": "机甲驾驶员"}],
                     "ratio": {"value": null, "is_variable": true, "variable_id": "v0"},
                     "seed": {"value": 12345, "is_variable": false, "variable_id": null},
                     "variables": {"v0": {"type": "ratio", "values": ["16:9", "9:16", "1:1"]},
                       "v1": {"type": "prompt", "values": [
                         {"uuid": "1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f02", "type": "prompt", "value": "neon city", "weight": 1.0, "name": "霓虹城市"},
                         {"uuid": "1c8a4d0f-2e3b-4d6c-9f70-8b9cad1e2f03", "type": "prompt", "value": "orbital station", "weight": 1.0, "name": "轨道站"}]}}}
                    """), new Sample("user1", """
                    {"name": "Lumina风格生成任务", "priority": 3,
                     "prompts": [{"uuid": "2d9b5e1a-3f4c-4e7d-a081-9cadbe2f3a01", "type": "lumina", "value": "lumina soft light", "weight": 1.0, "name": "Lumina"},
                                 {"uuid": "2d9b5e1a-3f4c-4e7d-a081-9cadbe2f3a02", "type": "prompt", "value": "rainy old town at night", "weight": 1.0, "name": "古镇雨夜"}],
                     "batch_size": {"value": 2, "is_variable": false, "variable_id": null}}
                    """));

    private DemoTasks() {}

    /**
     * Submits the samples into an empty database only (no task of anyone's yet); returns how many
     * were submitted.
     */
    static int submitOnce(int apiPort, String jdbcUrl) throws IOException, InterruptedException, SQLException {
        String base = "http://localhost:" + apiPort;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet tasks = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM tasks)")) {
            if (tasks.next() && tasks.getBoolean(1)) {
                return 0;
            }
        }
        int submitted = 0;
        List<DemoGallery.Created> created = new java.util.ArrayList<>();
        for (Sample sample : SAMPLES) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                            .header("Authorization", basic(sample.user()))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(sample.body(), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                submitted++;
                created.add(DemoGallery.Created.of(sample.user(), response.body()));
            } else {
                System.err.println("Sample task refused (" + response.statusCode() + "): " + response.body());
            }
        }
        DemoGallery.prepare(base, created);
        return submitted;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
