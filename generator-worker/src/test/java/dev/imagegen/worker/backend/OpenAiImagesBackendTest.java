package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen.worker.StubOpenAi;
import dev.imagegen.worker.StubOpenAi.Failure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpenAiImagesBackendTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final StubOpenAi openAi = new StubOpenAi("sk-test");

    @AfterEach
    void close() {
        openAi.close();
    }

    private OpenAiImagesBackend backend(String model, String key) {
        return new OpenAiImagesBackend(
                openAi.baseUrl(),
                model,
                key,
                new JsonHttp(json, Duration.ofSeconds(10)),
                new InProcessRetries(2, Duration.ofMillis(20), Duration.ofSeconds(2)));
    }

    private static GenerationRequest request(String prompt, String ratio, int width, int height, int n) {
        return new GenerationRequest(prompt, "", 42, width, height, n, ratio, GenerationParameters.NONE);
    }

    @Test
    void gptImage1GetsTheNearestOfItsThreeSizesAndTheActualSizeIsRecorded() throws Exception {
        List<GeneratedImage> images = backend("gpt-image-1", "sk-test")
                .generate(new GenerationRequest(
                        "a fox",
                        "",
                        42,
                        1344,
                        768,
                        2,
                        "16:9",
                        new GenerationParameters(Map.of("quality", "high", "background", "opaque"))));

        assertThat(images).hasSize(2).allSatisfy(image -> {
            assertThat(image.width()).isEqualTo(1536);
            assertThat(image.height()).isEqualTo(1024);
        });
        var sent = openAi.requests().getFirst();
        assertThat(sent.path("model").asString()).isEqualTo("gpt-image-1");
        assertThat(sent.path("size").asString()).isEqualTo("1536x1024");
        assertThat(sent.path("n").asInt()).isEqualTo(2);
        assertThat(sent.path("quality").asString()).isEqualTo("high");
        assertThat(sent.path("output_format").asString()).isEqualTo("png");
        assertThat(sent.has("response_format")).isFalse();
    }

    @Test
    void gptImage2HonoursTheRatioExactlyInMultiplesOf16() throws Exception {
        List<GeneratedImage> wide = backend("gpt-image-2", "sk-test").generate(request("a fox", "16:9", 1344, 768, 1));
        List<GeneratedImage> tall = backend("gpt-image-2", "sk-test").generate(request("a fox", "9:21", 576, 1344, 1));

        assertThat(List.of(wide.getFirst().width(), wide.getFirst().height())).containsExactly(1280, 720);
        assertThat(tall.getFirst().width() * 21).isEqualTo(tall.getFirst().height() * 9);
        assertThat(openAi.requests())
                .extracting(r -> r.path("size").asString())
                .containsExactly("1280x720", "624x1456");
    }

    @Test
    void aRetiredOrDeprecatedModelIsRefusedAtStartNamingItsReplacement() {
        for (String model : List.of("dall-e-3", "dall-e-2")) {
            assertThatThrownBy(() -> backends("openai", model))
                    .hasMessageContaining("imagegen.worker.backends.default.model: " + model)
                    .hasMessageContaining("2026-05-12")
                    .hasMessageContaining("gpt-image-1");
        }
        assertThatThrownBy(() -> backends("openai", "gpt-image-1.5")).hasMessageContaining("use gpt-image-2");
        assertThat(backends("openai", "gpt-image-2")
                        .forMakeApiQueue(null)
                        .backend()
                        .model())
                .isEqualTo("gpt-image-2");
    }

    private ImageBackends backends(String type, String model) {
        return new ImageBackends(
                new BackendProperties(Map.of(
                        "default",
                        new BackendProperties.Endpoint(
                                type,
                                URI.create("http://127.0.0.1:9"),
                                model,
                                null,
                                Duration.ofSeconds(1),
                                Duration.ZERO,
                                "",
                                null,
                                Duration.ofMillis(100),
                                null,
                                Duration.ofSeconds(1),
                                5,
                                Duration.ofSeconds(1)))),
                json,
                new SimpleMeterRegistry());
    }

    @Test
    void aModerationRefusalFailsAtOnceWithOpenAisCodeAndMessage() {
        assertThatThrownBy(() ->
                        backend("gpt-image-1", "sk-test").generate(request("a forbidden fox", "1:1", 1024, 1024, 1)))
                .isInstanceOfSatisfying(
                        BackendException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("HTTP 400 moderation_blocked")
                .hasMessageContaining("rejected by the safety system");
        assertThat(openAi.requests()).hasSize(1);
    }

    @Test
    void aRejectedKeyIsNotRetriedAndSaysSo() {
        assertThatThrownBy(() -> backend("gpt-image-1", "sk-wrong").generate(request("a fox", "1:1", 1024, 1024, 1)))
                .isInstanceOfSatisfying(
                        CredentialsRejectedException.class,
                        e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("HTTP 401 invalid_api_key");
    }

    @Test
    void aRateLimitIsRetriedInPlaceAfterRetryAfterMs() throws Exception {
        openAi.failNext(new Failure(
                429,
                "rate_limit_exceeded",
                "Rate limit exceeded for images per minute",
                Map.of("retry-after-ms", "300")));
        long started = System.nanoTime();

        List<GeneratedImage> images =
                backend("gpt-image-1", "sk-test").generate(request("a fox", "1:1", 1024, 1024, 1));

        assertThat(images).hasSize(1);
        assertThat(openAi.requests()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aWaitLongerThanTheLimitGoesToTheQueueWithTheWaitAsked() {
        openAi.failNext(new Failure(429, "rate_limit_exceeded", "slow down", Map.of("retry-after", "30")));

        assertThatThrownBy(() -> backend("gpt-image-1", "sk-test").generate(request("a fox", "1:1", 1024, 1024, 1)))
                .isInstanceOfSatisfying(RetryLaterException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                })
                .hasMessageContaining("HTTP 429 rate_limit_exceeded: slow down");
        assertThat(openAi.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedTwiceThenReportedAsTheEndpointBeingDown() {
        for (int i = 0; i < 3; i++) {
            openAi.failNext(new Failure(503, "server_error", "The server is overloaded", Map.of()));
        }

        assertThatThrownBy(() -> backend("gpt-image-1", "sk-test").generate(request("a fox", "1:1", 1024, 1024, 1)))
                .isInstanceOf(EndpointDownException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(openAi.requests()).hasSize(3);
    }

    @Test
    void theExactSizeKeepsTheRatioWithinAboutOneMegapixel() {
        assertThat(OpenAiModels.exact("1:1", 0, 0)).containsExactly(1024, 1024);
        assertThat(OpenAiModels.exact("4:3", 0, 0)).containsExactly(1152, 864);
        assertThat(OpenAiModels.exact("21:9", 0, 0)).containsExactly(1456, 624);
        assertThat(OpenAiModels.nearest(832, 1216)).containsExactly(1024, 1536);
        assertThatThrownBy(() -> OpenAiModels.exact("4:1", 0, 0)).hasMessageContaining("1:3 to 3:1");
    }
}
