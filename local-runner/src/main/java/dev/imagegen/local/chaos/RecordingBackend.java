package dev.imagegen.local.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The image backend of a chaos run: an AUTOMATIC1111-style {@code POST /sdapi/v1/txt2img} on loopback
 * that takes {@code latency} per request and records every generation (prompt, seed, start, end), so
 * the checks can tell whether a subtask was generated twice.
 */
final class RecordingBackend implements AutoCloseable {

    /** One request: what was asked, when it ran, and whether its answer was written to the worker. */
    record Generation(String prompt, long seed, Instant started, Instant ended, boolean answered) {}

    private static final Pattern PROMPT = Pattern.compile("\"prompt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SEED = Pattern.compile("\"seed\"\\s*:\\s*(-?\\d+)");

    private final HttpServer server;
    private final Duration latency;
    private final byte[] answer;
    private final List<Generation> generations = new ArrayList<>();

    private RecordingBackend(HttpServer server, Duration latency) {
        this.server = server;
        this.latency = latency;
        this.answer = ("{\"images\":[\"" + Base64.getEncoder().encodeToString(png()) + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static RecordingBackend start(Duration latency) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        RecordingBackend backend = new RecordingBackend(server, latency);
        server.createContext("/sdapi/v1/txt2img", backend::generate);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return backend;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    synchronized List<Generation> generations() {
        return List.copyOf(generations);
    }

    private void generate(HttpExchange exchange) throws IOException {
        Instant started = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher prompt = PROMPT.matcher(body);
        Matcher seed = SEED.matcher(body);
        String promptText = prompt.find() ? prompt.group(1) : "";
        long seedValue = seed.find() ? Long.parseLong(seed.group(1)) : -1;
        boolean answered = false;
        try {
            Thread.sleep(latency);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            answered = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException workerGone) {
            // the worker was killed while it waited
        } finally {
            exchange.close();
            synchronized (this) {
                generations.add(new Generation(promptText, seedValue, started, Instant.now(), answered));
            }
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
