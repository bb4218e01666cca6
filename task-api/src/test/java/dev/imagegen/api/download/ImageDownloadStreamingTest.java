package dev.imagegen.api.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.testservers.UsesRealServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The zip of a large task leaves as it is written. The last image's file is a named pipe that is filled only once the
 * client has read every image before it: a server that built the zip before sending it would still be waiting on the
 * pipe, and the client would have read nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "imagegen.api.security.bcrypt-strength=4",
            "spring.datasource.hikari.connection-timeout=5000",
            "imagegen.maintenance.enabled=false",
            "imagegen.api.images.directory=target/streamed-images"
        })
@UsesRealServers(kafka = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(Accounts.class)
class ImageDownloadStreamingTest {

    static final int SUBTASKS = 300;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Test
    void theFirstImagesArriveBeforeTheLastIsRead() throws Exception {
        UUID task = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO tasks (id, name, user_id, variables) VALUES (:id, 'large', :user, CAST(:variables AS jsonb))")
                .param("id", task)
                .param("user", accounts.id(Accounts.USER))
                .param(
                        "variables",
                        "{\"v0\": {\"type\": \"steps\", \"values\": [" + "20,".repeat(SUBTASKS - 1) + "20]}}")
                .update();
        jdbc.sql("""
                        INSERT INTO subtasks (task_id, variable_indices)
                        SELECT :id, jsonb_build_object('v0', i) FROM generate_series(0, :n - 1) i
                        """).param("id", task).param("n", SUBTASKS).update();
        Path folder = Path.of("target/streamed-images");
        FinishedImages finished = new FinishedImages(jdbc, folder);
        List<UUID> subtasks = finished.subtasks(task);
        for (UUID subtask : subtasks) {
            finished.complete(task, subtask, 1, !subtask.equals(subtasks.getLast()));
        }
        UUID last = subtasks.getLast();
        Path pipe = folder.resolve(task.toString()).resolve(FinishedImages.fileName(last, 0));
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .isZero();

        AtomicInteger imagesRead = new AtomicInteger();
        CompletableFuture<String> manifest = CompletableFuture.supplyAsync(() -> read(task, imagesRead));
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(imagesRead.get()).isEqualTo(SUBTASKS - 1));
            assertThat(manifest).isNotDone();
        } finally {
            // Lets the server go on (or end) whatever the outcome.
            CompletableFuture.runAsync(() -> write(pipe, FinishedImages.png(last, 0)))
                    .get(30, TimeUnit.SECONDS);
        }
        String text = manifest.get(30, TimeUnit.SECONDS);
        assertThat(imagesRead.get()).isEqualTo(SUBTASKS);
        assertThat(text.lines().count()).isEqualTo(SUBTASKS + 1);
        assertThat(text).contains(last + ",0,20,prompt of " + last);
    }

    /** Reads the zip as it arrives, counting images; answers the manifest's text. */
    private String read(UUID task, AtomicInteger imagesRead) {
        String credentials = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/tasks/" + task + "/images.zip"))
                .header("Authorization", "Basic " + credentials)
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (ZipInputStream zip = new ZipInputStream(response.body(), StandardCharsets.UTF_8)) {
                String manifest = null;
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    byte[] bytes = zip.readAllBytes();
                    if (entry.getName().equals(ImagesZip.MANIFEST)) {
                        manifest = new String(bytes, StandardCharsets.UTF_8);
                    } else {
                        imagesRead.incrementAndGet();
                    }
                }
                return manifest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path pipe, byte[] bytes) {
        try {
            Files.write(pipe, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
