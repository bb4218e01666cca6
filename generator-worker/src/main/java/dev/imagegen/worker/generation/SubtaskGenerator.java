package dev.imagegen.worker.generation;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.backend.GeneratedImage;
import dev.imagegen.worker.backend.GenerationRequest;
import dev.imagegen.worker.backend.ImageBackends;
import dev.imagegen.worker.backend.Ratios;
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
 * (url, width, height, seed, created_at, metadata of the first image) plus {@code images[]}.
 */
@Component
class SubtaskGenerator {

    private final SubtaskLoader loader;
    private final ImageBackends backends;
    private final ImageStorage storage;
    private final JsonMapper json;

    SubtaskGenerator(SubtaskLoader loader, ImageBackends backends, ImageStorage storage, JsonMapper json) {
        this.loader = loader;
        this.backends = backends;
        this.storage = storage;
        this.json = json;
    }

    String generate(QueueTaskDispatched event) throws InterruptedException {
        long started = System.nanoTime();
        SubtaskWork work = loader.load(event.taskId(), event.subtaskId());
        ImageBackends.Selected selected = backends.forMakeApiQueue(work.makeApiQueue());
        int[] size = Ratios.size(work.ratio());
        // Seeds are fixed at expansion; an older row without one gets a stable seed from its id.
        long seed = work.seed() != null ? work.seed() : event.subtaskId().getMostSignificantBits() & 0x7fffffffL;
        String prompt = PromptComposer.compose(json, work.promptsJson());
        List<GeneratedImage> generated = selected.backend()
                .generate(new GenerationRequest(
                        prompt, selected.negativePrompt(), seed, size[0], size[1], work.batchSize()));

        List<Map<String, Object>> images = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            GeneratedImage image = generated.get(i);
            String url = storage.store(event.taskId(), event.subtaskId(), i, image.png());
            images.add(Map.of("url", url, "width", image.width(), "height", image.height(), "seed", image.seed()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> first = images.isEmpty() ? Map.of() : images.getFirst();
        result.put("url", first.get("url"));
        result.put("width", first.getOrDefault("width", size[0]));
        result.put("height", first.getOrDefault("height", size[1]));
        result.put("seed", seed);
        result.put("created_at", Instant.now().toString());
        result.put(
                "metadata",
                Map.of(
                        "generation_time",
                        Math.round((System.nanoTime() - started) / 1e6) / 1000.0,
                        "model",
                        selected.backend().model(),
                        "prompt",
                        prompt,
                        "attempt",
                        event.attempt()));
        result.put("images", images);
        return json.writeValueAsString(result);
    }
}
