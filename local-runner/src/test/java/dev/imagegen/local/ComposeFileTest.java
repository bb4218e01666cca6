package dev.imagegen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run here (no Docker engine), so it is held to the apps it deploys. */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> APPS = List.of("task-api", "dispatcher", "generator-worker");

    static Map<String, Map<String, Object>> services;
    static String bootMetadata;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        StringBuilder metadata = new StringBuilder();
        for (URL url : Collections.list(
                ComposeFileTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                metadata.append(new String(in.readAllBytes()));
            }
        }
        bootMetadata = metadata.toString();
    }

    @Test
    void everyAppModuleHasAServiceBuiltFromIt() {
        assertThat(services).containsKeys("postgres", "kafka", "task-api", "dispatcher", "generator-worker");
        for (String app : APPS) {
            assertThat(build(app)).containsEntry("context", ".");
            assertThat(((Map<?, ?>) build(app).get("args")).get("MODULE")).isEqualTo(app);
            assertThat(ROOT.resolve(app).resolve("pom.xml")).exists();
        }
    }

    @Test
    void dispatchersRunActiveAndStandbyAndWorkersScaleOut() {
        assertThat(deploy("dispatcher")).containsEntry("replicas", 2);
        assertThat(deploy("generator-worker")).containsEntry("replicas", 3);
    }

    @Test
    void postgresHasLogicalWalForTheDispatcher() {
        assertThat(String.join(" ", command("postgres"))).contains("wal_level=logical");
    }

    @Test
    void everyDependencyWaitsUntilHealthyAndEveryServiceHasAHealthCheck() {
        for (var service : services.entrySet()) {
            assertThat(service.getValue()).as(service.getKey()).containsKey("healthcheck");
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> dependencies) {
                for (var dependency : dependencies.entrySet()) {
                    assertThat(services).containsKey((String) dependency.getKey());
                    assertThat(((Map<?, ?>) dependency.getValue()).get("condition"))
                            .as(service.getKey() + " -> " + dependency.getKey())
                            .isEqualTo("service_healthy");
                }
            } else {
                assertThat(dependsOn).as(service.getKey()).isNull();
            }
        }
        for (String app : APPS) {
            assertThat(services.get(app)).containsKey("depends_on");
        }
    }

    @Test
    void everyEnvironmentVariableOfAnAppBindsToARealProperty() throws IOException {
        List<String> unbound = new ArrayList<>();
        for (String app : APPS) {
            String configuration = appConfiguration(app);
            for (String variable : environment(app).keySet()) {
                boolean placeholder =
                        configuration.contains("${" + variable + ":") || configuration.contains("${" + variable + "}");
                boolean bootProperty = bootMetadata.contains("\"name\": \"" + relaxed(variable) + "\"")
                        || bootMetadata.contains("\"name\":\"" + relaxed(variable) + "\"");
                if (!placeholder && !bootProperty) {
                    unbound.add(app + ": " + variable);
                }
            }
        }
        assertThat(unbound).as("variables no configuration reads").isEmpty();
    }

    @Test
    void portsAndHealthChecksMatchTheServerPort() {
        for (String app : APPS) {
            String port = String.valueOf(environment(app).getOrDefault("SERVER_PORT", "8080"));
            String healthcheck = String.join(" ", healthcheck(app));
            assertThat(healthcheck).as(app).contains("localhost:" + port + "/actuator/health");
        }
        assertThat(services.get("task-api").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    static String relaxed(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    static String appConfiguration(String app) throws IOException {
        StringBuilder all = new StringBuilder();
        Path resources = ROOT.resolve(app).resolve("src/main/resources");
        try (var files = Files.list(resources)) {
            for (Path file : files.filter(f -> Pattern.matches(
                            "application.*\\.(yml|yaml|properties)",
                            f.getFileName().toString()))
                    .toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> build(String service) {
        return (Map<String, Object>) services.get(service).get("build");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deploy(String service) {
        return (Map<String, Object>) services.get(service).get("deploy");
    }

    @SuppressWarnings("unchecked")
    static List<String> command(String service) {
        return (List<String>) services.get(service).get("command");
    }

    @SuppressWarnings("unchecked")
    static List<String> healthcheck(String service) {
        return (List<String>) ((Map<String, Object>) services.get(service).get("healthcheck")).get("test");
    }
}
