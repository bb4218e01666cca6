package dev.imagegen.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One of the Spring Boot apps, run from its jar as a child process with its log in a file. */
public final class LocalApp implements AutoCloseable {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public final String name;
    public final int port;
    private final Process process;
    private final Path log;

    private LocalApp(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static LocalApp start(String name, Path jar, int port, Map<String, String> environment, Path logs)
            throws IOException {
        return start(name, jar, port, environment, logs, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"));
    }

    /** Starts {@code jar} with the given JVM options; its output is appended to {@code <logs>/<name>.log}. */
    public static LocalApp start(
            String name, Path jar, int port, Map<String, String> environment, Path logs, List<String> jvmOptions)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B install -DskipTests");
        }
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        return new LocalApp(name, port, builder.start(), log);
    }

    /**
     * What every app reads from its environment: the local profile, the database (as {@link
     * LocalPostgres}'s user), Kafka and the image folder. A new map, for the caller to add to.
     */
    public static Map<String, String> environment(String jdbcUrl, String kafkaBootstrap, Path images) {
        return new HashMap<>(Map.of(
                "SPRING_PROFILES_ACTIVE",
                "local",
                "IMAGEGEN_DB_URL",
                jdbcUrl,
                "IMAGEGEN_DB_USER",
                LocalPostgres.USER,
                "IMAGEGEN_DB_PASSWORD",
                LocalPostgres.PASSWORD,
                "IMAGEGEN_KAFKA_BOOTSTRAP",
                kafkaBootstrap,
                "IMAGEGEN_IMAGE_DIR",
                images.toString()));
    }

    /** Deletes {@code directory} with everything in it, if it exists, and creates it empty. */
    public static Path emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    /** Where the build puts a module's executable jar (relative to the project directory). */
    public static Path jar(String module) {
        return Path.of(module, "target", module + "-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits until the app's health endpoint answers UP. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        URI readiness = URI.create("http://localhost:%d/actuator/health".formatted(port));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(readiness)
                                .timeout(Duration.ofSeconds(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM, then SIGKILL if the app has not stopped within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
