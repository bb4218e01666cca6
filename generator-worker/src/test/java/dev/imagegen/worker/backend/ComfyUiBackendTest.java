package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imagegen.worker.StubComfyUi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComfyUiBackendTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final StubComfyUi comfy = new StubComfyUi(List.of("v1-5-pruned-emaonly.safetensors", "sdxl.safetensors"));

    @AfterEach
    void close() throws Exception {
        comfy.close();
    }

    private ComfyUiBackend backend(Duration pollInterval) {
        return new ComfyUiBackend(
                comfy.baseUrl(),
                "v1-5-pruned-emaonly.safetensors",
                ComfyUiWorkflow.load(null, json),
                new JsonHttp(json, Duration.ofSeconds(20)),
                pollInterval,
                Duration.ofSeconds(20));
    }

    private static GenerationRequest request(String prompt, Map<String, Object> parameters) {
        return new GenerationRequest(prompt, "lowres", 42, 1344, 768, 2, "16:9", new GenerationParameters(parameters));
    }

    @Test
    void theTemplateIsFilledFollowedOverTheWebsocketAndTheImagesFetchedThroughView() throws Exception {
        // A long poll interval: /history is then read only after 20 s unless the websocket said done.
        List<GeneratedImage> images = backend(Duration.ofSeconds(2))
                .generate(request(
                        "(a fox:1.2), snow",
                        Map.of(
                                "steps",
                                30,
                                "cfg_scale",
                                6.5,
                                "sampler",
                                "dpmpp_2m",
                                "scheduler",
                                "karras",
                                "checkpoint",
                                "sdxl.safetensors",
                                "negative_prompt",
                                "blurry")));

        assertThat(images).hasSize(2).allSatisfy(image -> {
            assertThat(image.width()).isEqualTo(1344);
            assertThat(image.height()).isEqualTo(768);
            assertThat(image.seed()).isEqualTo(42);
        });
        JsonNode graph = comfy.prompts().getFirst();
        JsonNode sampler = graph.path("3").path("inputs");
        assertThat(sampler.path("seed").asLong()).isEqualTo(42);
        assertThat(sampler.path("steps").asInt()).isEqualTo(30);
        assertThat(sampler.path("cfg").asDouble()).isEqualTo(6.5);
        assertThat(sampler.path("sampler_name").asString()).isEqualTo("dpmpp_2m");
        assertThat(sampler.path("scheduler").asString()).isEqualTo("karras");
        assertThat(graph.path("4").path("inputs").path("ckpt_name").asString()).isEqualTo("sdxl.safetensors");
        assertThat(graph.path("5").path("inputs").path("batch_size").asInt()).isEqualTo(2);
        assertThat(graph.path("6").path("inputs").path("text").asString()).isEqualTo("(a fox:1.2), snow");
        assertThat(graph.path("7").path("inputs").path("text").asString()).isEqualTo("blurry");
        // Done was learnt from the websocket: /history was read once, to find the images.
        assertThat(comfy.historyReads()).isEqualTo(1);
    }

    @Test
    void withoutAWebsocketTheHistoryIsPolledUntilThePromptEnds() throws Exception {
        comfy.websocket(false);
        comfy.runTime(Duration.ofMillis(400));

        List<GeneratedImage> images = backend(Duration.ofMillis(50)).generate(request("a fox", Map.of()));

        assertThat(images).hasSize(2);
        assertThat(comfy.historyReads()).isGreaterThan(2);
        assertThat(comfy.openSockets()).isZero();
        assertThat(comfy.prompts()
                        .getFirst()
                        .path("3")
                        .path("inputs")
                        .path("steps")
                        .asInt())
                .isEqualTo(20);
    }

    @Test
    void aRefusedWorkflowFailsWithComfyUisMessageAndIsNotRetried() {
        assertThatThrownBy(() -> backend(Duration.ofMillis(200))
                        .generate(request("a fox", Map.of("checkpoint", "missing.safetensors"))))
                .isInstanceOfSatisfying(
                        BackendException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("ComfyUI refused the workflow: Prompt outputs failed validation")
                .hasMessageContaining("node 4 CheckpointLoaderSimple: Value not in list")
                .hasMessageContaining("missing.safetensors");
        assertThat(comfy.prompts()).isEmpty();
    }

    @Test
    void aNodeThatFailsWhileRunningFailsTheGenerationWithItsException() {
        assertThatThrownBy(() -> backend(Duration.ofMillis(200)).generate(request("explode", Map.of())))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("ComfyUI failed in node 3 KSampler")
                .hasMessageContaining("CUDA out of memory");
    }

    @Test
    void aCancelledGenerationDeletesThePromptFromTheQueueAndInterruptsIt() throws Exception {
        comfy.runTime(Duration.ofSeconds(30));
        AtomicReference<Thread> generation = new AtomicReference<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            generation.set(Thread.currentThread());
            try {
                backend(Duration.ofMillis(200)).generate(request("a fox", Map.of()));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> comfy.running() != null);
        String promptId = comfy.running();

        generation.get().interrupt();

        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(comfy.deleted()).containsExactly(promptId);
        assertThat(comfy.interrupts()).containsExactly(promptId);
        await().atMost(Duration.ofSeconds(5)).until(() -> comfy.running() == null);
    }

    @Test
    void aTemplatePlaceholderKeepsItsTypeAndAnUnknownOneIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workflow.json");
        Files.writeString(file, """
                {"1": {"class_type": "SaveImage", "inputs": {"filename_prefix": "run_{{seed}}", "steps": "{{steps}}"}}}
                """);
        ComfyUiWorkflow workflow = ComfyUiWorkflow.load(file, json);

        JsonNode filled = workflow.fill(Map.of("seed", 7L, "steps", 25));

        assertThat(filled.path("1").path("inputs").path("filename_prefix").asString())
                .isEqualTo("run_7");
        assertThat(filled.path("1").path("inputs").path("steps").isIntegralNumber())
                .isTrue();
        assertThatThrownBy(() -> workflow.fill(Map.of("seed", 7L)))
                .hasMessageContaining("unknown placeholder {{steps}}");
        Files.writeString(file, "{\"1\": {\"inputs\": {}}}");
        assertThatThrownBy(() -> ComfyUiWorkflow.load(file, json)).hasMessageContaining("Save (API format)");
    }
}
