package dev.imagegen.worker.polish;

import dev.imagegen.worker.backend.BackendException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions}: the system prompt, then the prompt as the
 * user's message; the answer's first choice is the polished prompt. Failures are retryable.
 */
final class ChatCompletionsPolisher implements PromptPolisher {

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final String systemPrompt;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient client;

    ChatCompletionsPolisher(
            URI baseUrl, String model, String apiKey, String systemPrompt, Duration timeout, JsonMapper json) {
        this.endpoint = baseUrl.resolve("/v1/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.systemPrompt = systemPrompt;
        this.timeout = timeout;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public String polish(String prompt) throws InterruptedException {
        Map<String, Object> body = Map.of(
                "model",
                model,
                "messages",
                List.of(Map.of("role", "system", "content", systemPrompt), Map.of("role", "user", "content", prompt)));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BackendException("prompt polishing failed: " + endpoint + ": " + e.getMessage(), true, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new BackendException(
                    "prompt polishing answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()),
                    true,
                    null);
        }
        try {
            String polished = json.readTree(response.body())
                    .path("choices")
                    .path(0)
                    .path("message")
                    .path("content")
                    .asString("")
                    .strip();
            if (polished.isEmpty()) {
                throw new BackendException("prompt polishing answered no text", true, null);
            }
            return polished;
        } catch (JacksonException e) {
            throw new BackendException("prompt polishing answered unreadable JSON", true, e);
        }
    }

    @Override
    public String name() {
        return model;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
