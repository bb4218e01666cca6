package dev.imagegen.worker.polish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic polisher for local runs: adds the quality phrases every polished prompt gets and
 * two style phrases picked by the prompt's text, skipping any the prompt already holds. The same
 * prompt always polishes to the same text.
 */
final class BuiltInPolisher implements PromptPolisher {

    private static final List<String> QUALITY = List.of("masterpiece", "best quality", "highly detailed");
    private static final List<String> LIGHTING = List.of(
            "soft natural lighting",
            "dramatic rim lighting",
            "golden hour light",
            "cinematic lighting",
            "studio lighting");
    private static final List<String> FINISH =
            List.of("sharp focus", "intricate details", "rich colors", "depth of field", "8k resolution");

    @Override
    public String polish(String prompt) {
        String base = prompt == null ? "" : prompt.strip();
        SplittableRandom pick = new SplittableRandom(base.hashCode());
        List<String> added = new ArrayList<>(QUALITY);
        added.add(LIGHTING.get(pick.nextInt(LIGHTING.size())));
        added.add(FINISH.get(pick.nextInt(FINISH.size())));
        String lower = base.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        if (!base.isEmpty()) {
            parts.add(base);
        }
        for (String phrase : added) {
            if (!lower.contains(phrase)) {
                parts.add(phrase);
            }
        }
        return String.join(", ", parts);
    }

    @Override
    public String name() {
        return "builtin";
    }
}
