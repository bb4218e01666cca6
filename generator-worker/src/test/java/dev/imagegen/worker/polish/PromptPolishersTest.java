package dev.imagegen.worker.polish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen.worker.StubImageServer;
import dev.imagegen.worker.StubImageServer.Answer;
import dev.imagegen.worker.backend.BackendException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PromptPolishersTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theBuiltInPolisherAddsQualityAndStylePhrasesTheSameWayEveryTime() {
        BuiltInPolisher polisher = new BuiltInPolisher();

        String polished = polisher.polish("a red fox, (snow:1.2)");

        assertThat(polished).startsWith("a red fox, (snow:1.2), masterpiece, best quality, highly detailed, ");
        assertThat(polished.split(", ")).hasSize(7);
        assertThat(polisher.polish("a red fox, (snow:1.2)")).isEqualTo(polished);
        assertThat(polisher.polish("masterpiece, a cat")).doesNotContain("masterpiece, a cat, masterpiece");
    }

    @Test
    void theChatPolisherSendsTheSystemPromptAndThePromptAndAnswersTheFirstChoice() throws Exception {
        try (StubImageServer chat = new StubImageServer("/v1/chat/completions", body -> new Answer(200, """
                        {"id":"c1","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
                         "message":{"role":"assistant","content":"  a red fox in deep snow, golden hour  "}}]}
                        """))) {
            ChatCompletionsPolisher polisher = new ChatCompletionsPolisher(
                    chat.baseUrl(), "gpt-4o-mini", "sk-chat", "Polish it.", Duration.ofSeconds(5), json);

            assertThat(polisher.polish("a red fox")).isEqualTo("a red fox in deep snow, golden hour");

            JsonNode sent = json.readTree(chat.requests().getFirst());
            assertThat(sent.path("model").asString()).isEqualTo("gpt-4o-mini");
            assertThat(sent.path("messages").path(0).path("role").asString()).isEqualTo("system");
            assertThat(sent.path("messages").path(0).path("content").asString()).isEqualTo("Polish it.");
            assertThat(sent.path("messages").path(1).path("content").asString()).isEqualTo("a red fox");
            assertThat(chat.authorizations()).containsExactly("Bearer sk-chat");
        }
    }

    @Test
    void aFailingChatEndpointIsARetryableFailure() {
        try (StubImageServer chat =
                new StubImageServer("/v1/chat/completions", body -> new Answer(503, "{\"error\":\"busy\"}"))) {
            ChatCompletionsPolisher polisher =
                    new ChatCompletionsPolisher(chat.baseUrl(), "m", null, "Polish it.", Duration.ofSeconds(5), json);

            assertThatThrownBy(() -> polisher.polish("a fox"))
                    .isInstanceOfSatisfying(
                            BackendException.class,
                            e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("HTTP 503");
        }
    }
}
