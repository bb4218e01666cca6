package dev.imagegen.worker.generation;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.backend.CircuitRecorder;
import dev.imagegen.worker.backend.CredentialsRejectedException;
import dev.imagegen.worker.backend.GeneratedImage;
import dev.imagegen.worker.backend.GenerationParameters;
import dev.imagegen.worker.backend.GenerationRequest;
import dev.imagegen.worker.backend.ImageBackends;
import dev.imagegen.worker.backend.Ratios;
import dev.imagegen.worker.pause.QueuePauser;
import dev.imagegen.worker.polish.PromptPolisher;
import dev.imagegen.worker.provenance.Infotext;
import dev.imagegen.worker.provenance.PngTextChunks;
import dev.imagegen.worker.provenance.Provenance;
import dev.imagegen.worker.storage.ImageStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates one claimed subtask and returns its {@code result} document: the seed document's shape
 * (url, width, height, seed, created_at, metadata of the first image) plus {@code images[]}. The
 * prompt is polished first when the subtask asks for it; every stored PNG carries its provenance.
 * A backend that refuses the credentials pauses the queue before the failure is reported.
 */
@Component
class SubtaskGenerator {

    private final SubtaskLoader loader;
    private final ImageBackends backends;
    private final ImageStorage storage;
    private final JsonMapper json;
    private final PromptPolisher polisher;
    private final QueuePauser pauser;
    private final CircuitRecorder circuits;
    private final String workerId;

    SubtaskGenerator(
            SubtaskLoader loader,
            ImageBackends backends,
            ImageStorage storage,
            JsonMapper json,
            PromptPolisher polisher,
            QueuePauser pauser,
            CircuitRecorder circuits,
            WorkerProperties properties) {
        this.loader = loader;
        this.backends = backends;
        this.storage = storage;
        this.json = json;
        this.polisher = polisher;
        this.pauser = pauser;
        this.circuits = circuits;
        this.workerId = properties.id();
    }

    /**
     * Generates under {@code lease}: the lease is checked (and renewed if it got short) just before
     * the backend is asked, so a generation never starts on a lease that may have run out.
     */
    String generate(QueueTaskDispatched event, Lease lease) throws InterruptedException, Lease.LeaseLostException {
        long started = System.nanoTime();
        SubtaskWork work = loader.load(event.taskId(), event.subtaskId());
        ImageBackends.Selected selected = backends.forMakeApiQueue(work.makeApiQueue());
        int[] size = Ratios.size(work.ratio());
        // Seeds are fixed at expansion; an older row without one gets a stable seed from its id.
        long seed = work.seed() != null ? work.seed() : event.subtaskId().getMostSignificantBits() & 0x7fffffffL;
        GenerationParameters parameters = new GenerationParameters(parametersOf(work));
        String original = PromptComposer.compose(json, work.promptsJson());
        long loaded = System.nanoTime();
        String prompt = work.usePolish() ? polisher.polish(original) : original;
        long polished = System.nanoTime();
        String negative = parameters.has(GenerationParameters.NEGATIVE_PROMPT)
                ? parameters.text(GenerationParameters.NEGATIVE_PROMPT)
                : selected.negativePrompt();
        List<GeneratedImage> generated;
        lease.ensureHeld();
        circuits.serving(selected.endpoint(), event.queueName());
        try {
            generated = selected.backend()
                    .generate(new GenerationRequest(
                            prompt, negative, seed, size[0], size[1], work.batchSize(), work.ratio(), parameters));
        } catch (CredentialsRejectedException e) {
            pauser.pause(event.queueName(), selected.endpoint(), workerId, e.getMessage());
            throw e;
        }
        long backendDone = System.nanoTime();
        String model = parameters.has(GenerationParameters.CHECKPOINT)
                        && selected.backend().supportedParameters().contains(GenerationParameters.CHECKPOINT)
                ? parameters.text(GenerationParameters.CHECKPOINT)
                : selected.backend().model();

        List<Map<String, Object>> images = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            GeneratedImage image = generated.get(i);
            String infotext = Infotext.of(
                    prompt,
                    negative,
                    parameters,
                    image.seed(),
                    image.width(),
                    image.height(),
                    model,
                    Map.of("Backend", selected.backend().type()));
            byte[] png = PngTextChunks.with(
                    image.png(),
                    Provenance.texts(
                            infotext,
                            event.taskId(),
                            event.subtaskId(),
                            event.attempt(),
                            selected.backend().type(),
                            work.usePolish() ? original : null));
            String url = storage.store(event.taskId(), event.subtaskId(), i, png, image.pixels());
            images.add(Map.of("url", url, "width", image.width(), "height", image.height(), "seed", image.seed()));
        }
        long stored = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> first = images.isEmpty() ? Map.of() : images.getFirst();
        result.put("url", first.get("url"));
        result.put("width", first.getOrDefault("width", size[0]));
        result.put("height", first.getOrDefault("height", size[1]));
        result.put("seed", seed);
        result.put("created_at", Instant.now().toString());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("generation_time", Math.round((stored - started) / 1e6) / 1000.0);
        metadata.put("model", model);
        metadata.put("backend", selected.backend().type());
        metadata.put("endpoint", selected.endpoint());
        metadata.put("prompt", prompt);
        if (work.usePolish()) {
            metadata.put("original_prompt", original);
            metadata.put("polished_prompt", prompt);
            metadata.put("polisher", polisher.name());
        }
        metadata.put("negative_prompt", negative);
        metadata.put("parameters", parameters.values());
        metadata.put("requested_size", size[0] + "x" + size[1]);
        metadata.put("size", first.getOrDefault("width", size[0]) + "x" + first.getOrDefault("height", size[1]));
        metadata.put(
                "timings_ms",
                Map.of(
                        "load", millis(loaded - started),
                        "polish", millis(polished - loaded),
                        "backend", millis(backendDone - polished),
                        "store", millis(stored - backendDone),
                        "total", millis(stored - started)));
        metadata.put("attempt", event.attempt());
        result.put("metadata", metadata);
        result.put("images", images);
        return json.writeValueAsString(result);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parametersOf(SubtaskWork work) {
        return work.parametersJson() == null ? Map.of() : json.readValue(work.parametersJson(), Map.class);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
