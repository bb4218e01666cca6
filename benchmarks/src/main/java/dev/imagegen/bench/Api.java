package dev.imagegen.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Submits no-op work through the task API as a demo user (user1 by default): one task of {@code n} subtasks per call. */
final class Api {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int MAX_VALUES = 100;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI tasks;
    private final String authorization;

    Api(int port) {
        this(port, "user1");
    }

    /** As a demo account, whose password is its name. */
    Api(int port, String user) {
        this.tasks = URI.create("http://localhost:" + port + "/api/tasks");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Cancels a task: what it had not started is never run. */
    void cancel(UUID task) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tasks.resolve("/api/tasks/" + task + "/cancel"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cancel answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Submits one task of {@code subtasks} subtasks (priority 1: the standard queue); answers its id. */
    UUID submit(String name, int subtasks) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tasks)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(name, subtasks), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException(
                    "POST /api/tasks answered " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(id.group(1));
    }

    /**
     * A task whose variables expand to exactly {@code subtasks} combinations: one variable for up
     * to 100, two (100 x k) above; the API's limits allow 100 values per variable and 10,000 subtasks.
     */
    static String body(String name, int subtasks) {
        if (subtasks < 1
                || subtasks > MAX_VALUES * MAX_VALUES
                || (subtasks > MAX_VALUES && subtasks % MAX_VALUES != 0)) {
            throw new IllegalArgumentException(
                    "subtasks per task must be 1..100 or a multiple of 100 up to 10,000: " + subtasks);
        }
        StringBuilder variables = new StringBuilder();
        if (subtasks > 1) {
            int first = Math.min(subtasks, MAX_VALUES);
            variables.append("\"v0\": ").append(variable("v0", first));
            if (subtasks > MAX_VALUES) {
                variables.append(", \"v1\": ").append(variable("v1", subtasks / MAX_VALUES));
            }
        }
        return """
                {"name": "%s", "priority": 1,
                 "prompts": [{"uuid": "%s", "type": "prompt", "value": "benchmark", "weight": 1.0, "name": "bench"}],
                 "variables": {%s}}
                """.formatted(name, UUID.randomUUID(), variables);
    }

    private static String variable(String id, int values) {
        StringBuilder json = new StringBuilder("{\"type\": \"prompt\", \"values\": [");
        for (int i = 0; i < values; i++) {
            json.append(i == 0 ? "" : ", ")
                    .append("{\"uuid\": \"")
                    .append(UUID.randomUUID())
                    .append("\", \"type\": \"prompt\", \"value\": \"")
                    .append(id)
                    .append(" value ")
                    .append(i)
                    .append("\", \"weight\": 1.0, \"name\": \"")
                    .append(id)
                    .append('-')
                    .append(i)
                    .append("\"}");
        }
        return json.append("]}").toString();
    }
}
