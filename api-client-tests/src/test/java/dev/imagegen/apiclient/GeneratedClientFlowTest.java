package dev.imagegen.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegen.client.ApiClient;
import dev.imagegen.client.ApiException;
import dev.imagegen.client.ApiResponse;
import dev.imagegen.client.api.TasksApi;
import dev.imagegen.client.model.NewTask;
import dev.imagegen.client.model.Problem;
import dev.imagegen.client.model.RatingChange;
import dev.imagegen.client.model.Subtask;
import dev.imagegen.client.model.SubtaskRated;
import dev.imagegen.client.model.TaskAccepted;
import dev.imagegen.client.model.TaskCancelled;
import dev.imagegen.client.model.TaskDetail;
import dev.imagegen.client.model.TaskPreview;
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
        TasksApi tasks = new TasksApi(user1);
        NewTask body = user1.getObjectMapper().readValue(SampleTask.threeStyles("lake in three styles"), NewTask.class);

        TaskPreview preview = tasks.previewTask(body);
        assertThat(preview.getCount()).isEqualTo(3);
        assertThat(preview.getQueue()).isEqualTo("standard_tasks");
        assertThat(preview.getCombinations()).hasSize(3);

        ApiResponse<TaskAccepted> submitted =
                tasks.submitTaskWithHttpInfo(body, UUID.randomUUID().toString());
        assertThat(submitted.getStatusCode()).isEqualTo(201);
        TaskAccepted accepted = submitted.getData();
        UUID task = accepted.getId();
        assertThat(submitted.getHeaders().get("Location"))
                .singleElement()
                .asString()
                .endsWith("/api/tasks/" + task);
        assertThat(accepted.getName()).isEqualTo("lake in three styles");
        assertThat(accepted.getStatus()).isEqualTo(TaskAccepted.StatusEnum.PENDING);
        assertThat(accepted.getTotalImages()).isEqualTo(3);
        assertThat(accepted.getQueue()).isEqualTo("standard_tasks");

        TaskDetail read = tasks.getTask(task);
        assertThat(read.getId()).isEqualTo(task);
        assertThat(read.getTotalImages()).isEqualTo(3);
        assertThat(read.getPrompts())
                .singleElement()
                .satisfies(tag -> assertThat(tag.getValue()).isEqualTo("a quiet lake at dawn"));

        List<UUID> subtasks = new ArrayList<>();
        tasks.listSubtasks(task, null, null, null, null, null).getItems().forEach(item -> subtasks.add(item.getId()));
        assertThat(subtasks).hasSize(3);

        Worker worker = new Worker(jdbc);
        worker.completes(task, subtasks.get(0));
        worker.fails(task, subtasks.get(1));

        SubtaskRated rated = tasks.rateSubtask(
                task,
                subtasks.get(0),
                new RatingChange().rating(RatingChange.RatingEnum.GOOD).evaluation("calm water"));
        assertThat(rated.getRating()).isEqualTo(SubtaskRated.RatingEnum.GOOD);
        assertThat(rated.getEvaluation()).isEqualTo("calm water");
        assertThat(tasks.listSubtasks(task, List.of("completed"), List.of("good"), null, null, null)
                        .getItems())
                .singleElement()
                .extracting(Subtask::getId)
                .isEqualTo(subtasks.get(0));

        assertThat(tasks.retryTask(task).getRetriedSubtasks()).isEqualTo(1);
        assertThat(tasks.listSubtasks(task, List.of("pending"), null, null, null, null)
                        .getItems())
                .hasSize(2);

        // A generation still running when the task is cancelled: cancelled when its worker reports.
        worker.claim(task, subtasks.get(2));
        TaskCancelled cancelled = tasks.cancelTask(task);
        assertThat(cancelled.getCancelledSubtasks()).isEqualTo(1);
        assertThat(cancelled.getRunningSubtasks()).isEqualTo(1);
        assertThat(tasks.getTask(task).getStatus()).isEqualTo(TaskDetail.StatusEnum.CANCELLED);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> tasks.retryTask(task));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = JSON.readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isNotBlank();
    }
}
