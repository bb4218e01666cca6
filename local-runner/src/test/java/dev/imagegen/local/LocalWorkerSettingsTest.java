package dev.imagegen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalWorkerSettingsTest {

    @Test
    void theWorkerVariablesArePassedOnExceptTheWorkerId() {
        Map<String, String> settings = LocalWorkerSettings.from(Map.of(
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "comfyui",
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL", "http://127.0.0.1:8188",
                "IMAGEGEN_WORKER_ID", "mine",
                "IMAGEGEN_DB_URL", "jdbc:postgresql://elsewhere/db",
                "PATH", "/usr/bin"));

        assertThat(settings)
                .containsOnlyKeys("IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL");
        assertThat(LocalWorkerSettings.describe(settings)).isEqualTo("comfyui at http://127.0.0.1:8188");
    }

    @Test
    void theDescriptionNeverShowsAKey() {
        String line = LocalWorkerSettings.describe(Map.of(
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "openai",
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL", "https://api.openai.com",
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_MODEL", "gpt-image-2",
                "IMAGEGEN_WORKER_BACKENDS_DEFAULT_APIKEY", "sk-secret",
                "IMAGEGEN_WORKER_POLISH_TYPE", "openai"));

        assertThat(line)
                .isEqualTo("openai at https://api.openai.com, model gpt-image-2 (+1 more IMAGEGEN_WORKER_* settings)")
                .doesNotContain("sk-secret");
        assertThat(LocalWorkerSettings.describe(Map.of())).isEqualTo("the built-in renderer");
    }
}
