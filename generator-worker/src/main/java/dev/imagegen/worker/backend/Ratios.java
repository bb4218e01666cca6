package dev.imagegen.worker.backend;

import java.util.Map;

/** Pixel sizes of the supported aspect ratios. */
public final class Ratios {

    private static final Map<String, int[]> SIZES = Map.of(
            "1:1", new int[] {1024, 1024},
            "16:9", new int[] {1344, 768},
            "9:16", new int[] {768, 1344},
            "4:3", new int[] {1152, 896},
            "3:4", new int[] {896, 1152},
            "3:2", new int[] {1216, 832},
            "2:3", new int[] {832, 1216},
            "21:9", new int[] {1536, 640},
            "9:21", new int[] {640, 1536});

    private Ratios() {}

    /** {width, height} of the ratio; an unknown ratio falls back to 1:1. */
    public static int[] size(String ratio) {
        return SIZES.getOrDefault(ratio, SIZES.get("1:1")).clone();
    }
}
