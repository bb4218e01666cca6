package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls of the API as user1 over HTTP Basic, for what a test prepares before the browser looks. */
final class User1Calls {

    private User1Calls() {}

    /** Submits a task and answers its Location. */
    static String submit(String body) throws Exception {
        HttpResponse<String> response = send("POST", "api/tasks", body);
        assertThat(response.statusCode()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Sends JSON (or nothing, for a null body) to a path or URL of the API; {@code path} may start with /. */
    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(SystemUnderTest.get().baseUrl() + path.substring(path.indexOf("api/"))))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
