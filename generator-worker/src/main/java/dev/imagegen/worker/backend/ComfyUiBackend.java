package dev.imagegen.worker.backend;

import static dev.imagegen.worker.backend.GenerationParameters.CFG_SCALE;
import static dev.imagegen.worker.backend.GenerationParameters.CHECKPOINT;
import static dev.imagegen.worker.backend.GenerationParameters.DENOISING_STRENGTH;
import static dev.imagegen.worker.backend.GenerationParameters.NEGATIVE_PROMPT;
import static dev.imagegen.worker.backend.GenerationParameters.SAMPLER;
import static dev.imagegen.worker.backend.GenerationParameters.SCHEDULER;
import static dev.imagegen.worker.backend.GenerationParameters.STEPS;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * ComfyUI: fills the endpoint's workflow template, submits it ({@code POST /prompt} with a client
 * id), follows it over the websocket (or polls {@code /history} when there is none), then fetches
 * its output images through {@code /view}. A cancelled generation deletes the prompt from the queue
 * and interrupts it if it is running.
 */
final class ComfyUiBackend implements ImageBackend {

    private static final Logger log = LoggerFactory.getLogger(ComfyUiBackend.class);

    /** Defaults of the template's placeholders when the task does not set them. */
    private static final Map<String, Object> DEFAULTS =
            Map.of("steps", 20, "cfg", 7.0, "sampler", "euler", "scheduler", "normal", "denoise", 1.0);

    private final URI baseUrl;
    private final String checkpoint;
    private final ComfyUiWorkflow workflow;
    private final JsonHttp http;
    private final ComfyUiHistory history;
    private final Duration pollInterval;
    private final Duration deadline;

    ComfyUiBackend(
            URI baseUrl,
            String checkpoint,
            ComfyUiWorkflow workflow,
            JsonHttp http,
            Duration pollInterval,
            Duration deadline) {
        this.baseUrl = baseUrl;
        this.checkpoint = checkpoint;
        this.workflow = workflow;
        this.http = http;
        this.history = new ComfyUiHistory(baseUrl, http);
        this.pollInterval = pollInterval;
        this.deadline = deadline;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        JsonNode graph = workflow.fill(placeholders(request));
        String clientId = UUID.randomUUID().toString();
        try (ComfyUiEvents events =
                ComfyUiEvents.open(http.client(), socketUri(clientId), http.json(), pollInterval.multipliedBy(4))) {
            if (events == null) {
                log.info("ComfyUI websocket at {} unavailable; polling /history instead", baseUrl);
            }
            // The prompt id is ours (recent ComfyUI builds take it; older ones answer their own), so a
            // cancel that comes while /prompt is still answering can delete the prompt too.
            String promptId = UUID.randomUUID().toString();
            try {
                promptId = submit(graph, clientId, promptId);
                awaitDone(events, promptId);
                return history.images(promptId, request.seed());
            } catch (InterruptedException e) {
                cancel(promptId);
                throw e;
            }
        }
    }

    private Map<String, Object> placeholders(GenerationRequest request) {
        GenerationParameters p = request.parameters();
        Map<String, Object> values = new HashMap<>(DEFAULTS);
        values.put("positive_prompt", request.prompt());
        values.put("negative_prompt", p.has(NEGATIVE_PROMPT) ? p.text(NEGATIVE_PROMPT) : request.negativePrompt());
        values.put("seed", request.seed());
        values.put("width", request.width());
        values.put("height", request.height());
        values.put("batch_size", request.batchSize());
        values.put("checkpoint", p.has(CHECKPOINT) ? p.text(CHECKPOINT) : checkpoint);
        values.put("filename_prefix", "imagegen");
        putIf(values, "steps", p.integer(STEPS));
        putIf(values, "cfg", p.number(CFG_SCALE));
        putIf(values, "sampler", p.text(SAMPLER));
        putIf(values, "scheduler", p.text(SCHEDULER));
        putIf(values, "denoise", p.number(DENOISING_STRENGTH));
        return values;
    }

    private static void putIf(Map<String, Object> values, String name, Object value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    private String submit(JsonNode graph, String clientId, String promptId) throws InterruptedException {
        JsonHttp.Answer answer = http.send(
                baseUrl.resolve("/prompt"),
                Map.of("prompt", graph, "client_id", clientId, "prompt_id", promptId),
                Map.of());
        if (answer.status() == 400) {
            throw new BackendException(
                    "ComfyUI refused the workflow: " + ComfyUiErrors.describe(http, answer), false, null);
        }
        if (!answer.ok()) {
            throw HttpFailures.of(
                    answer, "ComfyUI answered HTTP " + answer.status() + ": " + JsonHttp.abbreviate(answer.text()));
        }
        String answered = http.read(answer).path("prompt_id").asString("");
        if (answered.isEmpty()) {
            throw new BackendException("ComfyUI answered /prompt without a prompt_id", true, null);
        }
        return answered;
    }

    /** Returns once the prompt finished; throws with ComfyUI's message when it failed or was interrupted. */
    private void awaitDone(ComfyUiEvents events, String promptId) throws InterruptedException {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        long nextHistoryCheck =
                System.nanoTime() + pollInterval.multipliedBy(10).toNanos();
        while (System.nanoTime() < giveUpAt) {
            boolean socketGone = events == null || events.closed();
            JsonNode message = socketGone ? null : events.poll(pollInterval);
            if (message != null
                    && promptId.equals(message.path("data").path("prompt_id").asString(""))) {
                switch (message.path("type").asString("")) {
                    case "executing" -> {
                        if (message.path("data").path("node").isNull()) {
                            return;
                        }
                    }
                    case "execution_error" -> throw ComfyUiErrors.executionError(message.path("data"));
                    case "execution_interrupted" ->
                        throw new BackendException("ComfyUI interrupted the prompt " + promptId, true, null);
                    default -> {}
                }
            }
            if (socketGone || System.nanoTime() > nextHistoryCheck) {
                if (history.finished(promptId)) {
                    return;
                }
                nextHistoryCheck =
                        System.nanoTime() + pollInterval.multipliedBy(10).toNanos();
                if (socketGone) {
                    Thread.sleep(pollInterval);
                }
            }
        }
        cancel(promptId);
        throw new BackendException("ComfyUI did not finish prompt " + promptId + " within " + deadline, true, null);
    }

    /** Deletes the prompt if still queued and interrupts it if running; the interrupt flag is kept. */
    private void cancel(String promptId) {
        boolean interrupted = Thread.interrupted();
        try {
            http.send(baseUrl.resolve("/queue"), Map.of("delete", List.of(promptId)), Map.of());
            http.send(baseUrl.resolve("/interrupt"), Map.of("prompt_id", promptId), Map.of());
        } catch (InterruptedException | BackendException e) {
            log.warn("Could not cancel ComfyUI prompt {}: {}", promptId, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private URI socketUri(String clientId) {
        String scheme = "https".equals(baseUrl.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + baseUrl.getRawAuthority() + "/ws?clientId=" + clientId);
    }

    @Override
    public String model() {
        return checkpoint;
    }

    @Override
    public String type() {
        return "comfyui";
    }

    @Override
    public Set<String> supportedParameters() {
        return Set.of(NEGATIVE_PROMPT, STEPS, CFG_SCALE, SAMPLER, SCHEDULER, CHECKPOINT, DENOISING_STRENGTH);
    }
}
