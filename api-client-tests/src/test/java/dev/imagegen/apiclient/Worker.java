package dev.imagegen.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays a generator worker through the database functions the real one calls (claim, complete,
 * fail), so that a subtask can be rated or retried without a backend.
 */
final class Worker {

    private static final String WORKER = "api-client-test-worker";
    private static final String PENDING_ATTEMPT = """
            SELECT id FROM queue_tasks WHERE task_id = :task AND subtask_id = :subtask AND status = 'pending'
            """;

    private final JdbcClient jdbc;

    Worker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the subtask's pending attempt and completes it with one image. */
    void completes(UUID task, UUID subtask) {
        long attempt = claim(task, subtask);
        assertThat(jdbc.sql("SELECT complete_queue_task(:id, :worker, 1, CAST(:result AS jsonb))")
                        .param("id", attempt)
                        .param("worker", WORKER)
                        .param("result", "{\"images\": [{\"url\": \"/images/" + task + "/0.png\"}]}")
                        .query(String.class)
                        .single())
                .isEqualTo("completed");
    }

    /** Claims the subtask's pending attempt and fails it with an error that is not worth retrying. */
    void fails(UUID task, UUID subtask) {
        long attempt = claim(task, subtask);
        assertThat(jdbc.sql("SELECT fail_queue_task(:id, :worker, 1, 'backend refused the prompt', false)")
                        .param("id", attempt)
                        .param("worker", WORKER)
                        .query(String.class)
                        .single())
                .isEqualTo("failed");
    }

    /** Claims the subtask's pending attempt: the subtask is processing until the worker reports. */
    long claim(UUID task, UUID subtask) {
        long attempt = jdbc.sql(PENDING_ATTEMPT)
                .param("task", task)
                .param("subtask", subtask)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("SELECT claim_queue_task(:id, :worker, INTERVAL '1 minute')")
                        .param("id", attempt)
                        .param("worker", WORKER)
                        .query(String.class)
                        .single())
                .isEqualTo("claimed");
        return attempt;
    }
}
