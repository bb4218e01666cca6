package dev.imagegen.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server shaped like OpenAI's {@code POST /v1/images/generations}: it checks the bearer key
 * and the request against {@link OpenAiImageRules} and refuses as OpenAI does (401, 400 with the
 * error envelope, 404 for a shut-down model); it answers base64 PNGs of the asked size. Answers
 * queued with {@link #failNext} come first, to play rate limits and outages.
 */
public final class StubOpenAi implements AutoCloseable {

    /** One forced answer: status, error code and message, and headers such as retry-after-ms. */
    public record Failure(int status, String code, String message, Map<String, String> headers) {}

    private final HttpServer server;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    public StubOpenAi(String apiKey) {
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/images/generations", this::answer);
        server.start();
    }

    public void failNext(Failure failure) {
        failures.add(failure);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The request bodies that passed the key check, in arrival order. */
    public List<JsonNode> requests() {
        return requests;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("Method not allowed", "invalid_request_error", null, null), Map.of());
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + apiKey).equals(authorization)) {
                send(
                        exchange,
                        401,
                        error("Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key"),
                        Map.of());
                return;
            }
            JsonNode body;
            try {
                body = json.readTree(exchange.getRequestBody().readAllBytes());
            } catch (RuntimeException e) {
                send(
                        exchange,
                        400,
                        error("We could not parse the JSON body of your request.", "invalid_request_error", null, null),
                        Map.of());
                return;
            }
            requests.add(body);
            Failure forced = failures.poll();
            if (forced != null) {
                send(
                        exchange,
                        forced.status(),
                        error(forced.message(), "requests", null, forced.code()),
                        forced.headers());
                return;
            }
            OpenAiImageRules.Refusal refusal = OpenAiImageRules.check(body);
            if (refusal != null) {
                send(
                        exchange,
                        refusal.status(),
                        error(refusal.message(), refusal.type(), refusal.param(), refusal.code()),
                        Map.of());
                return;
            }
            send(exchange, 200, success(body), Map.of());
        }
    }

    private String success(JsonNode body) {
        String size = body.path("size").asString("1024x1024");
        String[] wh = size.equals("auto") ? new String[] {"1024", "1024"} : size.split("x");
        ObjectNode answer = json.createObjectNode().put("created", 1_790_000_000L);
        var data = answer.putArray("data");
        for (int i = 0; i < body.path("n").asInt(1); i++) {
            byte[] png = StubPng.of(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), i);
            data.addObject().put("b64_json", Base64.getEncoder().encodeToString(png));
        }
        answer.put("size", size)
                .put("quality", body.path("quality").asString("auto"))
                .put("output_format", body.path("output_format").asString("png"));
        answer.putObject("usage")
                .put("input_tokens", 10)
                .put("output_tokens", 100)
                .put("total_tokens", 110);
        return answer.toString();
    }

    private String error(String message, String type, String param, String code) {
        ObjectNode error = json.createObjectNode();
        error.putObject("error")
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code);
        return error.toString();
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
