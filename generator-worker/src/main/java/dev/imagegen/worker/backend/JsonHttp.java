package dev.imagegen.worker.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to a backend with JSON bodies. An unreachable endpoint is an {@link
 * EndpointDownException}, a time-out a retryable {@link BackendException}; what a status means is
 * decided by {@link HttpFailures} or by the caller.
 */
final class JsonHttp {

    /** One answer: status, raw body and headers. */
    record Answer(int status, byte[] body, HttpHeaders headers) {

        boolean ok() {
            return status / 100 == 2;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final JsonMapper json;
    private final Duration timeout;

    JsonHttp(JsonMapper json, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.json = json;
        this.timeout = timeout;
    }

    JsonMapper json() {
        return json;
    }

    HttpClient client() {
        return client;
    }

    /** GETs JSON; a status other than 2xx goes through {@link HttpFailures}. */
    JsonNode get(URI uri) throws InterruptedException {
        return post(uri, null, Map.of());
    }

    /**
     * POSTs {@code body} as JSON (a null body GETs) and reads JSON back; a status other than 2xx
     * goes through {@link HttpFailures}.
     */
    JsonNode post(URI uri, Object body, Map<String, String> headers) throws InterruptedException {
        Answer answer = send(uri, body, headers);
        if (!answer.ok()) {
            throw HttpFailures.of(
                    answer, "backend answered HTTP " + answer.status() + ": " + abbreviate(answer.text()));
        }
        return read(answer);
    }

    /** POSTs (or, with a null body, GETs) and answers whatever status came back. */
    Answer send(URI uri, Object body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (HttpTimeoutException e) {
            throw new BackendException("backend timed out after " + timeout + ": " + uri, true, e);
        } catch (IOException e) {
            throw new EndpointDownException("backend unreachable: " + uri + ": " + e.getMessage(), null, e);
        }
    }

    JsonNode read(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw new BackendException("backend answered unreadable JSON: " + abbreviate(answer.text()), true, e);
        }
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
