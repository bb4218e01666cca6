package dev.imagegen.worker.backend;

import java.util.List;
import java.util.Map;

/**
 * What each OpenAI image model accepts, and which models are gone. A retired or deprecated model
 * is refused when the worker starts, naming its replacement, instead of failing every task.
 */
final class OpenAiModels {

    /** How a model takes its size. */
    enum Sizes {
        /** gpt-image-1: 1024x1024, 1536x1024 or 1024x1536; the ratio maps to the nearest. */
        THREE_FIXED,
        /** gpt-image-2: any WxH in multiples of 16, aspect 1:3 to 3:1, at most 3840x2160. */
        FREE_MULTIPLE_OF_16,
        /** A model this worker does not know (an OpenAI-compatible server): the ratio's size as is. */
        AS_ASKED
    }

    static final List<int[]> GPT_IMAGE_1_SIZES =
            List.of(new int[] {1024, 1024}, new int[] {1536, 1024}, new int[] {1024, 1536});

    /** Retired or deprecated model → the sentence that refuses it. */
    private static final Map<String, String> REFUSED = Map.of(
            "dall-e-2", "was shut down by OpenAI on 2026-05-12; use gpt-image-1 or gpt-image-2",
            "dall-e-3", "was shut down by OpenAI on 2026-05-12; use gpt-image-1 or gpt-image-2",
            "gpt-image-1-mini", "is deprecated by OpenAI (shut down 2026-12-01); use gpt-image-1",
            "gpt-image-1.5", "is deprecated by OpenAI (shut down 2026-12-01); use gpt-image-2",
            "chatgpt-image-latest", "is deprecated by OpenAI (shut down 2026-12-01); use gpt-image-2");

    private OpenAiModels() {}

    /** Throws when the model is retired or deprecated; {@code endpoint} names the setting to change. */
    static void refuseRetired(String model, String endpoint) {
        String why = REFUSED.get(model);
        if (why != null) {
            throw new IllegalArgumentException("imagegen.worker.backends." + endpoint + ".model: " + model + " " + why);
        }
    }

    static Sizes sizesOf(String model) {
        if (model.equals("gpt-image-1")) {
            return Sizes.THREE_FIXED;
        }
        if (model.equals("gpt-image-2") || model.startsWith("gpt-image-2-")) {
            return Sizes.FREE_MULTIPLE_OF_16;
        }
        return Sizes.AS_ASKED;
    }

    /** Whether the model always answers base64 and refuses {@code response_format}. */
    static boolean isGptImage(String model) {
        return model.startsWith("gpt-image-");
    }

    /** The size to ask for, given the ratio (such as "16:9") and the ratio's usual pixel size. */
    static int[] sizeFor(String model, String ratio, int width, int height) {
        return switch (sizesOf(model)) {
            case THREE_FIXED -> nearest(width, height);
            case FREE_MULTIPLE_OF_16 -> exact(ratio, width, height);
            case AS_ASKED -> new int[] {width, height};
        };
    }

    static int[] nearest(int width, int height) {
        double aspect = Math.log((double) width / height);
        int[] best = GPT_IMAGE_1_SIZES.getFirst();
        for (int[] size : GPT_IMAGE_1_SIZES) {
            if (Math.abs(Math.log((double) size[0] / size[1]) - aspect)
                    < Math.abs(Math.log((double) best[0] / best[1]) - aspect)) {
                best = size;
            }
        }
        return best.clone();
    }

    /**
     * The largest size of exactly the ratio's aspect, both sides multiples of 16, at most about one
     * megapixel (1024x1024) and within the model's 3840 px side, 1:3 to 3:1 aspect bounds.
     */
    static int[] exact(String ratio, int width, int height) {
        long a = width;
        long b = height;
        if (ratio != null && ratio.matches("\\d{1,3}:\\d{1,3}")) {
            String[] parts = ratio.split(":");
            a = Long.parseLong(parts[0]);
            b = Long.parseLong(parts[1]);
        }
        long gcd = java.math.BigInteger.valueOf(a)
                .gcd(java.math.BigInteger.valueOf(b))
                .longValue();
        a /= gcd;
        b /= gcd;
        if (a > 3 * b || b > 3 * a) {
            throw new BackendException("gpt-image-2 takes aspect ratios from 1:3 to 3:1, not " + ratio, false, null);
        }
        long unitW = 16 * a;
        long unitH = 16 * b;
        long k = Math.max(1, (long) Math.floor(Math.sqrt(1024.0 * 1024.0 / (unitW * unitH))));
        while (k > 1 && (unitW * k > 3840 || unitH * k > 3840)) {
            k--;
        }
        return new int[] {(int) (unitW * k), (int) (unitH * k)};
    }
}
