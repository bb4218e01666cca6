package dev.imagegen.worker.polish;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How prompts are polished when a subtask's {@code use_polish} is true ({@code imagegen.worker.polish.*}).
 *
 * @param type builtin (default: deterministic quality and style phrases) or openai (chat completions)
 * @param url base URL of the OpenAI-compatible chat API (default https://api.openai.com)
 * @param model chat model (default gpt-4o-mini)
 * @param apiKey bearer token (default none)
 * @param systemPrompt the instruction sent before the prompt (default: rewrite as a detailed image prompt)
 * @param timeout request time-out (default 60s)
 */
@ConfigurationProperties("imagegen.worker.polish")
public record PolishProperties(
        @DefaultValue("builtin") String type,
        @DefaultValue("https://api.openai.com") URI url,
        @DefaultValue("gpt-4o-mini") String model,
        String apiKey,
        @DefaultValue(DEFAULT_SYSTEM_PROMPT) String systemPrompt,
        @DefaultValue("60s") Duration timeout) {

    public static final String DEFAULT_SYSTEM_PROMPT = "You polish prompts for an image model. Rewrite the user's"
            + " prompt as one detailed English image prompt: keep every subject and weight such as (snow:1.2),"
            + " add composition, lighting, style and quality phrases. Answer with the prompt only.";
}
