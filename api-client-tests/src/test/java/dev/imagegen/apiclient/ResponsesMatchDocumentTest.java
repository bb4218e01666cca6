package dev.imagegen.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every GET and POST of the committed document is called on the running API, and each real answer
 * (status, media type, body) is checked against what the document says of it. Objects are held
 * closed: a property the document does not name is a mismatch, as a generated client would drop it.
 */
@RunningTaskApi
class ResponsesMatchDocumentTest {

    /**
     * Calls whose answers do not match the document yet, each with why; the list only shrinks. A
     * call listed here must still mismatch (otherwise remove it); any other call must match.
     */
    static final Map<String, String> KNOWN_MISMATCHES = KnownMismatches.TODAY;

    static final Path IMAGES = ImagesDirectory.create();

    @DynamicPropertySource
    static void images(DynamicPropertyRegistry properties) {
        properties.add("imagegen.api.images.directory", IMAGES::toString);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyAnswerOfEveryGetAndPostMatchesTheCommittedDocument() throws Exception {
        OpenApiDocument document = OpenApiDocument.committed();
        ResponseMismatches check = new ResponseMismatches(document);
        Http http = new Http(port);
        Map<String, List<String>> found = new LinkedHashMap<>();
        Set<String> covered = new java.util.HashSet<>();

        for (Call call : calls(http)) {
            if (!document.has(call.operation())) {
                System.out.println("skipped, not in the document: " + call.label());
                continue;
            }
            covered.add(call.operation());
            Http.Answer answer = http.send(call.user(), call.method(), call.path(), call.body());
            found.put(call.label(), check.of(call.operation(), answer));
        }
        found.forEach((label, mismatches) -> mismatches.forEach(m -> System.out.println(label + ": " + m)));

        assertThat(document.operations())
                .as("every GET and POST of the document is called here")
                .allMatch(covered::contains);
        assertThat(found).as("answers that do not match docs/openapi.json").allSatisfy((label, mismatches) -> {
            if (!KNOWN_MISMATCHES.containsKey(label)) {
                assertThat(mismatches).as(label).isEmpty();
            }
        });
        assertThat(KNOWN_MISMATCHES.keySet())
                .as("known mismatches that are gone: remove them from KnownMismatches")
                .allMatch(
                        label -> !found.containsKey(label) || !found.get(label).isEmpty());
    }

    @Test
    void theCheckRefusesAnAnswerThatBreaksTheDocument() {
        OpenApiDocument document = OpenApiDocument.committed();
        ResponseMismatches check = new ResponseMismatches(document);
        JsonNode rated = JSON.readTree("{\"$ref\": \"#/components/schemas/SubtaskRated\"}");

        assertThat(document.validator(rated).validate("{\"rating\": 5}", InputFormat.JSON))
                .as("a wrong type")
                .isNotEmpty();
        assertThat(document.validator(rated).validate("{\"unheard_of\": true}", InputFormat.JSON))
                .as("a property the document does not name")
                .isNotEmpty();
        assertThat(check.of("GET /api/me", new Http.Answer(299, "application/json", "{}")))
                .as("an undocumented status")
                .isNotEmpty();
        assertThat(check.of("GET /api/tasks/{id}/events", new Http.Answer(200, "text/csv", "a,b")))
                .as("an undocumented media type")
                .isNotEmpty();
    }

    /** One real request: the operation it exercises, who sends it, and a label for the report. */
    record Call(String label, String operation, String user, String method, String path, String body) {

        static Call of(String user, String operation, String path, String body) {
            return labelled(operation, user, operation, path, body);
        }

        static Call labelled(String label, String user, String operation, String path, String body) {
            return new Call(label, operation, user, operation.split(" ")[0], path, body);
        }
    }

    /**
     * The calls, in order, on data made for them: a task with a completed, a failed and a running subtask, and
     * another with a failed and a running one for the actions on one subtask.
     */
    private List<Call> calls(Http http) throws Exception {
        String body = SampleTask.threeStyles("checked against the document");
        UUID task = UUID.fromString(
                JSON.readTree(http.send("user1", "POST", "/api/tasks", body).body())
                        .get("id")
                        .asString());
        List<UUID> subtasks = subtaskIds(http, task);
        Worker worker = new Worker(jdbc);
        // Another task for the actions on one subtask: a failed one to retry, a running one to cancel.
        UUID other = UUID.fromString(
                JSON.readTree(http.send("user1", "POST", "/api/tasks", SampleTask.threeStyles("one at a time"))
                                .body())
                        .get("id")
                        .asString());
        List<UUID> others = subtaskIds(http, other);
        worker.fails(other, others.get(0));
        worker.claim(other, others.get(1));
        worker.completes(task, subtasks.get(0));
        worker.fails(task, subtasks.get(1));
        // Still running at the cancel, so the task ends cancelled and a retry is refused.
        worker.claim(task, subtasks.get(2));
        ImagesDirectory.writePng(IMAGES.resolve(task.toString()).resolve("0.png"));
        String tag = JSON.readTree(http.send("user1", "GET", "/api/tags", null).body())
                .get("items")
                .get(0)
                .get("uuid")
                .asString();
        String t = "/api/tasks/" + task;

        return List.of(
                Call.of("user1", "GET /api/me", "/api/me", null),
                Call.labelled("GET /api/me unsigned", null, "GET /api/me", "/api/me", null),
                Call.of("user1", "GET /api/limits", "/api/limits", null),
                Call.of("user1", "GET /api/csrf", "/api/csrf", null),
                Call.of("user1", "POST /api/tasks/preview", "/api/tasks/preview", body),
                Call.of("user1", "POST /api/tasks", "/api/tasks", SampleTask.threeStyles("another")),
                Call.labelled(
                        "POST /api/tasks misspelled",
                        "user1",
                        "POST /api/tasks",
                        "/api/tasks",
                        "{\"name\": \"x\", \"priorty\": 1}"),
                Call.of("user1", "GET /api/tasks", "/api/tasks", null),
                Call.of("user1", "GET /api/tasks/{id}", t, null),
                Call.labelled(
                        "GET /api/tasks/{id} unknown",
                        "user1",
                        "GET /api/tasks/{id}",
                        "/api/tasks/" + UUID.randomUUID(),
                        null),
                Call.of("user1", "GET /api/tasks/{id}/subtasks", t + "/subtasks", null),
                Call.of("user1", "GET /api/tasks/{id}/subtasks/{sid}", t + "/subtasks/" + subtasks.get(0), null),
                Call.of("user1", "GET /api/tasks/{id}/logs", t + "/logs", null),
                Call.of("user1", "GET /api/tasks/{id}/events", t + "/events", null),
                Call.of("user1", "GET /images/{taskId}/{file}", "/images/" + task + "/0.png", null),
                Call.of(
                        "user1",
                        "GET /images/{taskId}/thumbnails/{file}",
                        "/images/" + task + "/thumbnails/0.png",
                        null),
                Call.of("user1", "GET /images/tags/{file}", "/images/tags/missing.png", null),
                Call.of("user1", "GET /api/tasks/{id}/images.zip", t + "/images.zip", null),
                Call.of(
                        "user1",
                        "POST /api/tasks/{id}/images.zip",
                        t + "/images.zip",
                        "{\"subtask_ids\": [\"" + subtasks.get(0) + "\"]}"),
                Call.of(
                        "user1",
                        "POST /api/tasks/{id}/subtasks/{sid}/retry",
                        "/api/tasks/" + other + "/subtasks/" + others.get(0) + "/retry",
                        null),
                Call.of(
                        "user1",
                        "POST /api/tasks/{id}/subtasks/{sid}/cancel",
                        "/api/tasks/" + other + "/subtasks/" + others.get(1) + "/cancel",
                        null),
                Call.labelled(
                        "POST /api/tasks/{id}/subtasks/{sid}/cancel again",
                        "user1",
                        "POST /api/tasks/{id}/subtasks/{sid}/cancel",
                        "/api/tasks/" + other + "/subtasks/" + others.get(1) + "/cancel",
                        null),
                Call.of("user1", "POST /api/tasks/{id}/retry", t + "/retry", null),
                Call.of("user1", "POST /api/tasks/{id}/cancel", t + "/cancel", null),
                Call.labelled(
                        "POST /api/tasks/{id}/retry cancelled",
                        "user1",
                        "POST /api/tasks/{id}/retry",
                        t + "/retry",
                        null),
                Call.of("user1", "GET /api/tags", "/api/tags", null),
                Call.of("user1", "GET /api/tags/{uuid}", "/api/tags/" + tag, null),
                Call.of("user1", "GET /api/gallery", "/api/gallery", null),
                Call.of("user1", "GET /api/queues", "/api/queues", null),
                Call.of("user1", "GET /api/dashboard", "/api/dashboard?days=30", null),
                Call.of("admin", "GET /api/users", "/api/users", null),
                Call.labelled("GET /api/users as a user", "user1", "GET /api/users", "/api/users", null),
                Call.of(
                        "admin",
                        "POST /api/users",
                        "/api/users",
                        "{\"username\": \"newcomer\", \"password\": \"a long enough password\", \"role\": \"user\"}"),
                Call.of("admin", "GET /api/system-logs", "/api/system-logs", null),
                Call.of("admin", "POST /api/admin/consistency", "/api/admin/consistency", null));
    }

    private static List<UUID> subtaskIds(Http http, UUID task) throws Exception {
        List<UUID> ids = new ArrayList<>();
        JSON.readTree(http.send("user1", "GET", "/api/tasks/" + task + "/subtasks", null)
                        .body())
                .get("items")
                .forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    /** A directory of generated images for the image endpoints to serve. */
    static final class ImagesDirectory {

        private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

        static Path create() {
            try {
                return Files.createTempDirectory("imagegen-api-client-images");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static void writePng(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Files.write(file, PNG_SIGNATURE);
        }
    }
}
