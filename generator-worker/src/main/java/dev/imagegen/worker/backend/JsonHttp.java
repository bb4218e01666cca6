package dev.imagegen.worker.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POSTs JSON to a backend and reads JSON back; every failure is a retryable {@link BackendException}. */
final class JsonHttp {

    private final HttpClient client;
    private final JsonMapper json;
    private final Duration timeout;

    JsonHttp(JsonMapper json, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
        this.timeout = timeout;
    }

    JsonNode post(URI uri, Map<String, ?> body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BackendException("backend timed out after " + timeout + ": " + uri, true, e);
        } catch (IOException e) {
            throw new BackendException("backend unreachable: " + uri + ": " + e.getMessage(), true, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new BackendException(
                    "backend answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()), true, null);
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new BackendException("backend answered unreadable JSON: " + abbreviate(response.body()), true, e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
