package dev.imagegen.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegen.client.ApiClient;
import dev.imagegen.client.ApiException;
import dev.imagegen.client.ApiResponse;
import dev.imagegen.client.api.ActApi;
import dev.imagegen.client.api.ReadApi;
import dev.imagegen.client.api.SubmitApi;
import dev.imagegen.client.model.Preview;
import dev.imagegen.client.model.Rated;
import dev.imagegen.client.model.Rating;
import dev.imagegen.client.model.TaskAccepted;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A task's whole life through the client generated from the committed document, as another team's
 * program lives it: submit, preview, read, subtasks, rate, retry, cancel, and a retry refused with a problem.
 */
@RunningTaskApi
class GeneratedClientFlowTest {

    /** The other team's own JSON library (the generated client's); nothing of the server's classes. */
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTaskIsSubmittedReadRatedRetriedAndCancelledThroughTheGeneratedClient() throws Exception {
        ApiClient user1 = Clients.signedIn(port, "user1");
        SubmitApi submit = new SubmitApi(user1);
        ReadApi read = new ReadApi(user1);
        ActApi act = new ActApi(user1);
        JsonNode body = JSON.readTree(SampleTask.threeStyles("lake in three styles"));

        Preview preview = submit.preview(body);
        assertThat(preview.getCount()).isEqualTo(3);
        assertThat(preview.getQueue()).isEqualTo("standard_tasks");
        assertThat(preview.getCombinations()).hasSize(3);

        ApiResponse<TaskAccepted> submitted =
                submit.submitWithHttpInfo(body, UUID.randomUUID().toString());
        assertThat(submitted.getStatusCode()).isEqualTo(201);
        TaskAccepted accepted = submitted.getData();
        UUID task = accepted.getId();
        assertThat(submitted.getHeaders().get("Location"))
                .singleElement()
                .asString()
                .endsWith("/api/tasks/" + task);
        assertThat(accepted.getName()).isEqualTo("lake in three styles");
        assertThat(accepted.getStatus()).isEqualTo("pending");

        JsonNode read1 = read.task(task);
        assertThat(read1.path("id").asText()).isEqualTo(task.toString());
        assertThat(read1.path("total_images").asInt()).isEqualTo(3);

        List<UUID> subtasks = new ArrayList<>();
        read.subtasks(task, null, null, null, null)
                .path("items")
                .forEach(item -> subtasks.add(UUID.fromString(item.path("id").asText())));
        assertThat(subtasks).hasSize(3);

        Worker worker = new Worker(jdbc);
        worker.completes(task, subtasks.get(0));
        worker.fails(task, subtasks.get(1));

        Rated rated =
                act.rate(task, subtasks.get(0), new Rating().rating("good").evaluation("calm water"));
        assertThat(rated.getRating()).isEqualTo("good");
        assertThat(rated.getEvaluation()).isEqualTo("calm water");
        assertThat(read.subtasks(task, "completed", "good", null, null).path("items"))
                .singleElement()
                .satisfies(item -> assertThat(item.path("id").asText())
                        .isEqualTo(subtasks.get(0).toString()));

        assertThat(act.retryWithHttpInfo(task).getStatusCode()).isEqualTo(200);
        assertThat(read.subtasks(task, "pending", null, null, null).path("items"))
                .hasSize(2);

        // A generation still running when the task is cancelled: cancelled when its worker reports.
        worker.claim(task, subtasks.get(2));
        assertThat(act.cancelWithHttpInfo(task).getStatusCode()).isEqualTo(200);
        assertThat(read.task(task).path("status").asText()).isEqualTo("cancelled");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> act.retry(task));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(refused.getResponseBody()).path("status").asInt())
                .isEqualTo(409);
    }
}
