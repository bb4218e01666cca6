package dev.imagegen.worker;

import dev.imagegen.worker.RawHttpServer.Request;
import dev.imagegen.worker.RawHttpServer.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server shaped like ComfyUI: {@code POST /prompt} (validated by {@link ComfyUiWorkflowRules}),
 * one prompt at a time in queue order, events on {@code /ws?clientId=} only to the submitting
 * client, {@code /history/{id}} written when a prompt ends, {@code /view}, {@code POST /queue}
 * deletes and {@code POST /interrupt}. A prompt whose text holds "explode" fails in its KSampler.
 */
public final class StubComfyUi implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> checkpoints;
    private final RawHttpServer server;
    private final StubComfyUiRunner runner = new StubComfyUiRunner(json);
    private final List<JsonNode> prompts = new CopyOnWriteArrayList<>();
    private final List<String> interrupts = new CopyOnWriteArrayList<>();
    private final AtomicInteger number = new AtomicInteger();
    private final AtomicInteger historyReads = new AtomicInteger();

    public StubComfyUi(List<String> checkpoints) {
        this.checkpoints = List.copyOf(checkpoints);
        this.server = new RawHttpServer(
                this::handle, "/ws", peer -> runner.sockets.put(peer.query().getOrDefault("clientId", ""), peer));
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Without websocket, as behind a proxy that does not pass upgrades: clients must poll /history. */
    public void websocket(boolean enabled) {
        server.acceptSockets(enabled);
    }

    public void runTime(Duration time) {
        runner.runTime = time;
    }

    /** The graphs ComfyUI accepted, in order. */
    public List<JsonNode> prompts() {
        return prompts;
    }

    /** The prompt ids named by /interrupt calls ("" for a global interrupt). */
    public List<String> interrupts() {
        return interrupts;
    }

    public Set<String> deleted() {
        return runner.deleted;
    }

    public String running() {
        return runner.running;
    }

    /** How often /history/{id} was read. */
    public int historyReads() {
        return historyReads.get();
    }

    /** How many clients hold an open websocket. */
    public int openSockets() {
        return (int)
                runner.sockets.values().stream().filter(WebSocketPeer::isOpen).count();
    }

    private Response handle(Request request) throws Exception {
        String path = request.path().startsWith("/api/") ? request.path().substring(4) : request.path();
        if (request.method().equals("POST") && path.equals("/prompt")) {
            return submit(json.readTree(request.body()));
        }
        if (request.method().equals("GET") && path.startsWith("/history/")) {
            historyReads.incrementAndGet();
            ObjectNode entry = runner.history.get(path.substring("/history/".length()));
            ObjectNode answer = json.createObjectNode();
            if (entry != null) {
                answer.set(path.substring("/history/".length()), entry);
            }
            return Response.json(200, answer.toString());
        }
        if (request.method().equals("GET") && path.equals("/view")) {
            String type = request.query().getOrDefault("type", "output");
            if (!List.of("output", "input", "temp").contains(type)) {
                return Response.json(400, "{}");
            }
            byte[] file = runner.files.get(request.query().getOrDefault("subfolder", "") + "/"
                    + request.query().get("filename"));
            return file == null ? Response.json(404, "{}") : new Response(200, "image/png", file);
        }
        if (request.method().equals("POST") && path.equals("/interrupt")) {
            String id = request.body().length == 0
                    ? ""
                    : json.readTree(request.body()).path("prompt_id").asString("");
            interrupts.add(id);
            if (id.isEmpty() || id.equals(runner.running)) {
                runner.interruptRequested = true;
            }
            return new Response(200, "text/plain", new byte[0]);
        }
        if (request.method().equals("POST") && path.equals("/queue")) {
            json.readTree(request.body()).path("delete").forEach(id -> runner.deleted.add(id.asString("")));
            return new Response(200, "text/plain", new byte[0]);
        }
        return Response.json(404, "{}");
    }

    private final java.util.Set<String> promptIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Response submit(JsonNode body) {
        ObjectNode refused = ComfyUiWorkflowRules.check(body.path("prompt"), checkpoints);
        if (refused != null) {
            return Response.json(400, refused.toString());
        }
        // As recent builds do: a client's prompt_id must be a canonical lowercase UUID, used once.
        String promptId = body.path("prompt_id").asString("");
        if (promptId.isEmpty()) {
            promptId = UUID.randomUUID().toString();
        } else if (!promptId.equals(promptId.toLowerCase(java.util.Locale.ROOT)) || !isUuid(promptId)) {
            return Response.json(400, "{\"error\":{\"type\":\"invalid_prompt_id\",\"message\":\"Invalid prompt_id\"}}");
        } else if (promptIds.contains(promptId)) {
            return Response.json(409, "{\"error\":\"prompt_id already exists\"}");
        }
        promptIds.add(promptId);
        int position = number.getAndIncrement();
        String clientId = body.path("client_id").asString("");
        prompts.add(body.path("prompt"));
        runner.enqueue(promptId, position, body.path("prompt"), clientId);
        return Response.json(
                200,
                json.createObjectNode()
                        .put("prompt_id", promptId)
                        .put("number", position)
                        .set("node_errors", json.createObjectNode())
                        .toString());
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        runner.close();
        server.close();
    }
}
