package dev.imagegen.apiclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls of the running API, for looking at answers exactly as they come over the wire. */
final class Http {

    /** An answer: status, media type (without parameters), and the body as text. */
    record Answer(int status, String mediaType, String body) {}

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    Http(int port) {
        this.port = port;
    }

    /** Sends {@code body} (JSON, or null for none) as {@code username} (null: anonymous). */
    Answer send(String username, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (username != null) {
            String credentials =
                    Base64.getEncoder().encodeToString((username + ":" + username).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        // Read only what has come when the headers are there: an event stream never ends.
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String mediaType = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip().toLowerCase())
                .orElse("");
        try (InputStream in = response.body()) {
            String text = mediaType.equals("text/event-stream")
                    ? ""
                    : new String(
                            in.readAllBytes(),
                            mediaType.startsWith("image/") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), mediaType, text);
        }
    }
}
