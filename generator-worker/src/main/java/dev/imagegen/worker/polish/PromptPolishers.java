package dev.imagegen.worker.polish;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The configured {@link PromptPolisher}. */
@Configuration(proxyBeanMethods = false)
class PromptPolishers {

    @Bean
    PromptPolisher promptPolisher(PolishProperties properties, JsonMapper json) {
        return switch (properties.type()) {
            case "builtin" -> new BuiltInPolisher();
            case "openai" ->
                new ChatCompletionsPolisher(
                        properties.url(),
                        properties.model(),
                        properties.apiKey(),
                        properties.systemPrompt(),
                        properties.timeout(),
                        json);
            default ->
                throw new IllegalArgumentException("imagegen.worker.polish.type: unknown polisher " + properties.type()
                        + "; use builtin or openai");
        };
    }
}
