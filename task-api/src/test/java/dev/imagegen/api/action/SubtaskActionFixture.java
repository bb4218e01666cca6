package dev.imagegen.api.action;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Counters;
import dev.imagegen.api.support.Submit;
import dev.imagegen.api.support.WorkerSteps;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The fixture of the one-subtask action tests: a nine-subtask task, moves of its attempts the way workers make
 * them, and the task's counters as the API answers them; after each test the counters equal a recount.
 */
abstract class SubtaskActionFixture {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    UUID task;

    @BeforeEach
    void submitNineSubtasks() throws Exception {
        // Every attempt admitted at submission, as these tests move attempts the way workers do (see TaskActionTest).
        jdbc.sql("UPDATE task_queues SET admission_window = 10000 WHERE name = 'standard_tasks'")
                .update();
        task = Submit.task(mvc, USER, Bodies.twoByThree("one at a time"));
    }

    @AfterEach
    void adaptiveWindowAgain() {
        jdbc.sql("UPDATE task_queues SET admission_window = NULL WHERE name = 'standard_tasks'")
                .update();
    }

    @AfterEach
    void countersStillMatchARecount() {
        Counters.assertMatchARecount(jdbc);
    }

    UUID subtask(int v0, int v1) {
        return jdbc.sql("""
                        SELECT id FROM subtasks WHERE task_id = :task
                           AND variable_indices = jsonb_build_object('v0', :v0, 'v1', :v1)
                        """)
                .param("task", task)
                .param("v0", v0)
                .param("v1", v1)
                .query(UUID.class)
                .single();
    }

    /** Claims the subtask's pending attempt for worker w1, as claim_queue_task would. */
    long workerClaims(UUID subtask) {
        return WorkerSteps.claim(jdbc, task, subtask);
    }

    /** Fails the subtask's running attempt for good, as the worker's report would. */
    void workerFails(UUID subtask) {
        long attempt = workerClaims(subtask);
        assertThat(jdbc.sql("SELECT fail_queue_task(:id, 'w1', 1, 'backend said no', false)")
                        .param("id", attempt)
                        .query(String.class)
                        .single())
                .isEqualTo("failed");
    }

    void workerCompletes(UUID subtask) {
        long attempt = workerClaims(subtask);
        assertThat(jdbc.sql("SELECT complete_queue_task(:id, 'w1', 1, '{}'::jsonb)")
                        .param("id", attempt)
                        .query(String.class)
                        .single())
                .isEqualTo("completed");
    }

    ResultActions act(String action, UUID subtask, String as) throws Exception {
        return mvc.perform(post("/api/tasks/" + task + "/subtasks/" + subtask + "/" + action)
                .with(as(as)));
    }

    Map<String, Long> attempts(UUID subtask) {
        return jdbc
                .sql("SELECT attempt || ':' || status AS a FROM queue_tasks WHERE task_id = :task AND subtask_id = :s")
                .param("task", task)
                .param("s", subtask)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.groupingBy(a -> a, Collectors.counting()));
    }

    String subtaskStatus(UUID subtask) {
        return jdbc.sql("SELECT status::text FROM subtasks WHERE task_id = :task AND id = :id")
                .param("task", task)
                .param("id", subtask)
                .query(String.class)
                .single();
    }

    /** The task's counters as the API answers them: pending/processing/completed/failed/cancelled and its status. */
    String counters() throws Exception {
        String body = mvc.perform(get("/api/tasks/" + task).with(as(USER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        long open = json.get("subtask_count").asLong()
                - json.get("processing_subtasks").asLong()
                - json.get("completed_subtasks").asLong()
                - json.get("failed_subtasks").asLong()
                - json.get("cancelled_subtasks").asLong();
        return "%d/%d/%d/%d/%d %s"
                .formatted(
                        open,
                        json.get("processing_subtasks").asLong(),
                        json.get("completed_subtasks").asLong(),
                        json.get("failed_subtasks").asLong(),
                        json.get("cancelled_subtasks").asLong(),
                        json.get("status").asString());
    }

    List<String> logMessages() {
        return jdbc.sql("SELECT message FROM task_logs WHERE task_id = :task ORDER BY created_at, id")
                .param("task", task)
                .query(String.class)
                .list();
    }
}
