package dev.imagegen.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link StubComfyUi}'s execution queue: one prompt at a time, in order; events to the submitting
 * client's websocket; the history entry and the output files written when a prompt ends, before the
 * final {@code executing} with {@code node: null}, as ComfyUI does.
 */
final class StubComfyUiRunner {

    private final JsonMapper json;
    final Map<String, WebSocketPeer> sockets = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> history = new ConcurrentHashMap<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final ExecutorService queue =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
    private final AtomicInteger fileNumber = new AtomicInteger();
    volatile Duration runTime = Duration.ofMillis(100);
    volatile String running;
    volatile boolean interruptRequested;

    StubComfyUiRunner(JsonMapper json) {
        this.json = json;
    }

    void enqueue(String promptId, int position, JsonNode graph, String clientId) {
        queue.execute(() -> run(promptId, position, graph, clientId));
    }

    void run(String promptId, int position, JsonNode graph, String clientId) {
        if (deleted.contains(promptId)) {
            return;
        }
        running = promptId;
        interruptRequested = false;
        ArrayNode messages = json.createArrayNode();
        event(clientId, messages, "execution_start", json.createObjectNode().put("prompt_id", promptId));
        for (String node : List.of("4", "6", "7", "5", "3")) {
            send(
                    clientId,
                    "executing",
                    json.createObjectNode()
                            .put("node", node)
                            .put("display_node", node)
                            .put("prompt_id", promptId));
        }
        int steps = graph.path("3").path("inputs").path("steps").asInt(20);
        long tick = Math.max(1, runTime.toMillis() / 4);
        for (int step = 1; step <= 4 && !interruptRequested; step++) {
            sleep(tick);
            send(
                    clientId,
                    "progress",
                    json.createObjectNode()
                            .put("value", step * steps / 4)
                            .put("max", steps)
                            .put("prompt_id", promptId)
                            .put("node", "3"));
            WebSocketPeer peer = sockets.get(clientId);
            if (peer != null) {
                peer.sendBinary(new byte[] {0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 3});
            }
        }
        ObjectNode entry = json.createObjectNode();
        entry.putArray("prompt")
                .add(position)
                .add(promptId)
                .add(graph)
                .add(json.createObjectNode().put("client_id", clientId))
                .add(json.createArrayNode().add("9"));
        ObjectNode outputs = entry.putObject("outputs");
        String status;
        if (interruptRequested) {
            event(
                    clientId,
                    messages,
                    "execution_interrupted",
                    json.createObjectNode()
                            .put("prompt_id", promptId)
                            .put("node_id", "3")
                            .put("node_type", "KSampler"));
            status = "error";
        } else if (graph.path("6").path("inputs").path("text").asString("").contains("explode")) {
            event(
                    clientId,
                    messages,
                    "execution_error",
                    json.createObjectNode()
                            .put("prompt_id", promptId)
                            .put("node_id", "3")
                            .put("node_type", "KSampler")
                            .put("exception_type", "torch.OutOfMemoryError")
                            .put("exception_message", "CUDA out of memory. Tried to allocate 2.00 GiB"));
            status = "error";
        } else {
            ArrayNode images = outputs.putObject("9").putArray("images");
            JsonNode latent = graph.path("5").path("inputs");
            for (int i = 0; i < latent.path("batch_size").asInt(1); i++) {
                String name = "imagegen_%05d_.png".formatted(fileNumber.incrementAndGet());
                files.put(
                        "/" + name,
                        StubPng.of(
                                latent.path("width").asInt(),
                                latent.path("height").asInt(),
                                i));
                images.addObject().put("filename", name).put("subfolder", "").put("type", "output");
            }
            send(
                    clientId,
                    "executed",
                    json.createObjectNode()
                            .put("node", "9")
                            .put("display_node", "9")
                            .put("prompt_id", promptId)
                            .set("output", json.createObjectNode().set("images", images)));
            event(
                    clientId,
                    messages,
                    "execution_success",
                    json.createObjectNode().put("prompt_id", promptId));
            status = "success";
        }
        ObjectNode statusNode =
                entry.putObject("status").put("status_str", status).put("completed", status.equals("success"));
        statusNode.set("messages", messages);
        entry.putObject("meta");
        history.put(promptId, entry);
        running = null;
        send(clientId, "executing", json.createObjectNode().putNull("node").put("prompt_id", promptId));
    }

    private void event(String clientId, ArrayNode messages, String type, ObjectNode data) {
        data.put("timestamp", System.currentTimeMillis());
        messages.addArray().add(type).add(data);
        send(clientId, type, data);
    }

    private void send(String clientId, String type, JsonNode data) {
        WebSocketPeer peer = sockets.get(clientId);
        if (peer != null) {
            ObjectNode message = json.createObjectNode().put("type", type);
            message.set("data", data);
            peer.sendText(message.toString());
        }
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until && !interruptRequested) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void close() {
        queue.shutdownNow();
        sockets.values().forEach(WebSocketPeer::close);
    }
}
