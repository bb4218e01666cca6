package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables README and {@code ./imagegen local} document reach the endpoint settings. */
class EnvironmentBindingTest {

    @Test
    void environmentVariablesConfigureAnEndpoint() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                "systemEnvironment",
                Map.of(
                        "IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "comfyui",
                        "IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL", "http://127.0.0.1:8188",
                        "IMAGEGEN_WORKER_BACKENDS_DEFAULT_APIKEY", "user:secret",
                        "IMAGEGEN_WORKER_BACKENDS_DEFAULT_POLLINTERVAL", "250ms",
                        "IMAGEGEN_WORKER_BACKENDS_OPS_TYPE", "openai",
                        "IMAGEGEN_WORKER_BACKENDS_OPS_MODEL", "gpt-image-2"));

        BackendProperties properties = new Binder(ConfigurationPropertySources.from(List.of(environment)))
                .bind("imagegen.worker", BackendProperties.class)
                .get();

        BackendProperties.Endpoint comfy = properties.backends().get("default");
        assertThat(comfy.type()).isEqualTo("comfyui");
        assertThat(comfy.url()).isEqualTo(URI.create("http://127.0.0.1:8188"));
        assertThat(comfy.apiKey()).isEqualTo("user:secret");
        assertThat(comfy.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(comfy.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(properties.backends().get("ops").model()).isEqualTo("gpt-image-2");
    }
}
