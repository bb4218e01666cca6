package dev.imagegen.testservers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Decides between Testcontainers and the embedded servers. {@code IMAGEGEN_TEST_SERVERS}
 * ({@code embedded} or {@code containers}) forces a choice; otherwise Testcontainers is asked only
 * where a Docker endpoint is configured, so machines without Docker go straight to the embedded
 * servers without Testcontainers' error about the missing socket.
 */
final class DockerProbe {

    private static Boolean available;

    private DockerProbe() {}

    static synchronized boolean available() {
        if (available == null) {
            available = decide();
        }
        return available;
    }

    private static boolean decide() {
        String forced =
                System.getenv().getOrDefault("IMAGEGEN_TEST_SERVERS", "").trim();
        if (forced.equalsIgnoreCase("embedded")) {
            return false;
        }
        if (forced.equalsIgnoreCase("containers")) {
            return true;
        }
        boolean endpointConfigured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        return endpointConfigured && DockerClientFactory.instance().isDockerAvailable();
    }
}
