package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen.worker.StubImageServer;
import dev.imagegen.worker.StubImageServer.Answer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HttpBackendsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final String png = Base64.getEncoder().encodeToString(BuiltInRenderer.render("stub", 1, 64, 48));
    private final GenerationRequest request = new GenerationRequest("(a fox:1.2), snow", "blurry", 42, 1344, 768, 2);

    @Test
    void txt2imgSendsThePromptSizeSeedAndBatchAndReadsBase64Images() throws Exception {
        try (StubImageServer stub = new StubImageServer(
                "/sdapi/v1/txt2img",
                body -> new Answer(200, "{\"images\":[\"%s\",\"%s\"],\"info\":\"{}\"}".formatted(png, png)))) {
            ImageBackend backend =
                    new Automatic1111Backend(stub.baseUrl(), "sdxl", new JsonHttp(json, Duration.ofSeconds(5)));

            List<GeneratedImage> images = backend.generate(request);

            assertThat(images).extracting(GeneratedImage::seed).containsExactly(42L, 43L);
            assertThat(images).allSatisfy(image -> {
                assertThat(image.width()).isEqualTo(64);
                assertThat(image.height()).isEqualTo(48);
            });
            assertThat(json.readTree(stub.requests().getFirst()).toString())
                    .contains(
                            "\"prompt\":\"(a fox:1.2), snow\"",
                            "\"negative_prompt\":\"blurry\"",
                            "\"seed\":42",
                            "\"width\":1344",
                            "\"height\":768",
                            "\"batch_size\":2");
        }
    }

    @Test
    void aBackendErrorIsARetryableFailureWithTheMessage() {
        try (StubImageServer stub =
                new StubImageServer("/sdapi/v1/txt2img", body -> new Answer(503, "{\"error\":\"model loading\"}"))) {
            ImageBackend backend =
                    new Automatic1111Backend(stub.baseUrl(), "sdxl", new JsonHttp(json, Duration.ofSeconds(5)));

            assertThatThrownBy(() -> backend.generate(request))
                    .isInstanceOfSatisfying(
                            BackendException.class,
                            e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("HTTP 503")
                    .hasMessageContaining("model loading");
        }
    }

    @Test
    void automatic1111AndComfyUiPassOnTheRetryAfterOfA429OrA503() {
        try (StubImageServer a1111 = new StubImageServer(
                        "/sdapi/v1/txt2img",
                        body -> new Answer(429, "{\"error\":\"busy\"}", Map.of("Retry-After", "7")));
                StubImageServer comfy = new StubImageServer(
                        "/prompt", body -> new Answer(503, "{\"error\":\"restarting\"}", Map.of("Retry-After", "4")))) {
            ImageBackend automatic1111 =
                    new Automatic1111Backend(a1111.baseUrl(), "sdxl", new JsonHttp(json, Duration.ofSeconds(5)));
            ImageBackend comfyUi = new ComfyUiBackend(
                    comfy.baseUrl(),
                    "sdxl.safetensors",
                    ComfyUiWorkflow.load(null, json),
                    new JsonHttp(json, Duration.ofSeconds(5)),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(5));

            assertThatThrownBy(() -> automatic1111.generate(request))
                    .isInstanceOfSatisfying(
                            BackendException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
            assertThatThrownBy(() -> comfyUi.generate(request))
                    .isInstanceOfSatisfying(
                            EndpointDownException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(4)));
        }
    }

    @Test
    void aSlowBackendTimesOutAsARetryableFailure() throws Exception {
        // The stub answers only once the client has given up (or after 10 s at the most).
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        try (StubImageServer stub = new StubImageServer("/sdapi/v1/txt2img", body -> {
            try {
                clientGaveUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(200, "{\"images\":[]}");
        })) {
            ImageBackend backend =
                    new Automatic1111Backend(stub.baseUrl(), "sdxl", new JsonHttp(json, Duration.ofMillis(200)));

            assertThatThrownBy(() -> backend.generate(request))
                    .isInstanceOfSatisfying(
                            BackendException.class,
                            e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("timed out");
            clientGaveUp.countDown();
        }
    }

    @Test
    void theBuiltInRendererDrawsTheSamePngForTheSamePromptAndSeedAtTheRequestedSize() throws Exception {
        BuiltInRenderer renderer = new BuiltInRenderer(Duration.ZERO);
        GenerationRequest small = new GenerationRequest("a fox", "", 7, 832, 1216, 2);

        List<GeneratedImage> first = renderer.generate(small);
        List<GeneratedImage> again = renderer.generate(small);

        assertThat(first).hasSize(2);
        assertThat(first.getFirst().png()).isEqualTo(again.getFirst().png());
        assertThat(first.get(1).png()).isNotEqualTo(first.getFirst().png());
        assertThat(PngSize.of(first.getFirst().png())).containsExactly(832, 1216);
        assertThat(renderer.generate(new GenerationRequest("a wolf", "", 7, 832, 1216, 1))
                        .getFirst()
                        .png())
                .isNotEqualTo(first.getFirst().png());
    }
}
