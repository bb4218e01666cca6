package dev.imagegen.worker.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ComfyUI's websocket ({@code /ws?clientId=…}) for one prompt: its JSON text frames, in order.
 * Binary frames (previews) are skipped. {@link #open} answers null when the socket cannot be
 * opened, and the caller polls {@code /history} instead.
 */
final class ComfyUiEvents implements WebSocket.Listener, AutoCloseable {

    private final JsonMapper json;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private volatile WebSocket socket;

    private ComfyUiEvents(JsonMapper json) {
        this.json = json;
    }

    static ComfyUiEvents open(HttpClient client, URI uri, JsonMapper json, Duration timeout)
            throws InterruptedException {
        ComfyUiEvents events = new ComfyUiEvents(json);
        try {
            events.socket = client.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, events)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return events;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** The next message, or null when none came within {@code wait} (or the socket is gone). */
    JsonNode poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the socket closed or failed: no further message will come. */
    boolean closed() {
        return closed && messages.isEmpty();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(json.readTree(partial.toString()));
            } catch (JacksonException unreadable) {
                // not a message of ComfyUI's shape: skipped
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null && !closed) {
            open.abort();
        }
        closed = true;
    }
}
