package dev.imagegen.worker.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subtask's generation parameters ({@code tasks.parameters}, with a variable's value in its
 * place), already checked by the API. Each backend sends the ones it supports.
 */
public record GenerationParameters(Map<String, Object> values) {

    public static final String NEGATIVE_PROMPT = "negative_prompt";
    public static final String STEPS = "steps";
    public static final String CFG_SCALE = "cfg_scale";
    public static final String SAMPLER = "sampler";
    public static final String SCHEDULER = "scheduler";
    public static final String CHECKPOINT = "checkpoint";
    public static final String DENOISING_STRENGTH = "denoising_strength";
    public static final String ENABLE_HR = "enable_hr";
    public static final String HR_SCALE = "hr_scale";
    public static final String HR_UPSCALER = "hr_upscaler";
    public static final String HR_SECOND_PASS_STEPS = "hr_second_pass_steps";
    public static final String QUALITY = "quality";
    public static final String BACKGROUND = "background";
    public static final String MODERATION = "moderation";

    /** Every parameter a task may name, in the order provenance lists them. */
    public static final List<String> ALL = List.of(
            NEGATIVE_PROMPT,
            STEPS,
            CFG_SCALE,
            SAMPLER,
            SCHEDULER,
            CHECKPOINT,
            DENOISING_STRENGTH,
            ENABLE_HR,
            HR_SCALE,
            HR_UPSCALER,
            HR_SECOND_PASS_STEPS,
            QUALITY,
            BACKGROUND,
            MODERATION);

    public static final GenerationParameters NONE = new GenerationParameters(Map.of());

    public GenerationParameters {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String text(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    public Integer integer(String name) {
        return values.get(name) instanceof Number n ? n.intValue() : null;
    }

    public Double number(String name) {
        return values.get(name) instanceof Number n ? n.doubleValue() : null;
    }

    public Boolean flag(String name) {
        return values.get(name) instanceof Boolean b ? b : null;
    }

    /** The names set here that {@code supported} does not hold. */
    public Set<String> outside(Set<String> supported) {
        Set<String> outside = new java.util.TreeSet<>();
        values.forEach((name, value) -> {
            if (value != null && !supported.contains(name)) {
                outside.add(name);
            }
        });
        return outside;
    }
}
