package dev.imagegen.worker.provenance;

import dev.imagegen.worker.backend.GenerationParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AUTOMATIC1111 {@code parameters} text ("infotext") that common tools read from a PNG: the
 * prompt, a "Negative prompt:" line when there is one, then "Key: value" pairs in A1111's order
 * (Steps, Sampler, Schedule type, CFG scale, Seed, Size, Model, then the rest), values holding a
 * comma, colon or line break JSON-quoted, absent values left out.
 */
public final class Infotext {

    private Infotext() {}

    /** One image's infotext; {@code extra} pairs (such as Backend) come after the model. */
    public static String of(
            String prompt,
            String negativePrompt,
            GenerationParameters parameters,
            long seed,
            int width,
            int height,
            String model,
            Map<String, Object> extra) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("Steps", parameters.values().get(GenerationParameters.STEPS));
        pairs.put("Sampler", parameters.values().get(GenerationParameters.SAMPLER));
        pairs.put("Schedule type", parameters.values().get(GenerationParameters.SCHEDULER));
        pairs.put("CFG scale", parameters.values().get(GenerationParameters.CFG_SCALE));
        pairs.put("Seed", seed);
        pairs.put("Size", width + "x" + height);
        pairs.put("Model", model);
        pairs.put("Denoising strength", parameters.values().get(GenerationParameters.DENOISING_STRENGTH));
        if (Boolean.TRUE.equals(parameters.flag(GenerationParameters.ENABLE_HR))) {
            pairs.put("Hires upscale", parameters.values().get(GenerationParameters.HR_SCALE));
            pairs.put("Hires steps", parameters.values().get(GenerationParameters.HR_SECOND_PASS_STEPS));
            pairs.put("Hires upscaler", parameters.values().get(GenerationParameters.HR_UPSCALER));
        }
        pairs.putAll(extra);
        StringBuilder text = new StringBuilder(prompt == null ? "" : prompt);
        if (negativePrompt != null && !negativePrompt.isBlank()) {
            text.append("\nNegative prompt: ").append(negativePrompt);
        }
        text.append('\n');
        String separator = "";
        for (Map.Entry<String, Object> pair : pairs.entrySet()) {
            if (pair.getValue() != null) {
                text.append(separator).append(pair.getKey()).append(": ").append(quote(pair.getValue()));
                separator = ", ";
            }
        }
        return text.toString();
    }

    /** As A1111's {@code quote()}: a value with ",", ":" or a line break becomes a JSON string. */
    static String quote(Object value) {
        String text = value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : value.toString();
        if (!text.contains(",") && !text.contains(":") && !text.contains("\n")) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
