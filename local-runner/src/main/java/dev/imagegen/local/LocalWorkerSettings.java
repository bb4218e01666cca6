package dev.imagegen.local;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code IMAGEGEN_WORKER_*} variables of the runner's own environment, passed on to the local
 * workers, so that {@code IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE=comfyui
 * IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL=http://127.0.0.1:8188 ./imagegen local} generates through a
 * real ComfyUI. The worker id is set per worker and not passed on.
 */
final class LocalWorkerSettings {

    static final String PREFIX = "IMAGEGEN_WORKER_";

    private LocalWorkerSettings() {}

    static Map<String, String> from(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + "ID")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** One line on what the default endpoint generates with; never shows a key. */
    static String describe(Map<String, String> settings) {
        String type = settings.getOrDefault(PREFIX + "BACKENDS_DEFAULT_TYPE", "builtin");
        String url = settings.get(PREFIX + "BACKENDS_DEFAULT_URL");
        String model = settings.get(PREFIX + "BACKENDS_DEFAULT_MODEL");
        StringBuilder line = new StringBuilder(type.equals("builtin") ? "the built-in renderer" : type);
        if (url != null) {
            line.append(" at ").append(url);
        }
        if (model != null) {
            line.append(", model ").append(model);
        }
        int others = (int) settings.keySet().stream()
                .filter(name -> !name.startsWith(PREFIX + "BACKENDS_DEFAULT_"))
                .count();
        if (others > 0) {
            line.append(" (+").append(others).append(" more IMAGEGEN_WORKER_* settings)");
        }
        return line.toString();
    }
}
