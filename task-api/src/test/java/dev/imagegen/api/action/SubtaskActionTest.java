package dev.imagegen.api.action;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Counters;
import dev.imagegen.api.support.Submit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Cancel and retry of one subtask: what each state allows, and the task's counters after each. */
@ApiTest
class SubtaskActionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    UUID task;

    @BeforeEach
    void submitNineSubtasks() throws Exception {
        task = Submit.task(mvc, USER, Bodies.twoByThree("one at a time"));
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
        long attempt = jdbc.sql("""
                        UPDATE queue_tasks SET status = 'processing', worker_id = 'w1', started_at = now(),
                                               lease_until = now() + interval '1 minute'
                         WHERE task_id = :task AND subtask_id = :subtask AND status = 'pending'
                        RETURNING id
                        """)
                .param("task", task)
                .param("subtask", subtask)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE subtasks SET status = 'processing', started_at = now() WHERE task_id = :task AND id = :id")
                .param("task", task)
                .param("id", subtask)
                .update();
        return attempt;
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

    @Test
    void aPendingSubtaskIsCancelledWithItsAttempt() throws Exception {
        UUID one = subtask(0, 0);
        act("cancel", one, USER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subtask_id").value(one.toString()))
                .andExpect(jsonPath("$.status").value("cancelled"))
                .andExpect(jsonPath("$.was").value("pending"))
                .andExpect(jsonPath("$.cancelled_attempts").value(1));

        assertThat(subtaskStatus(one)).isEqualTo("cancelled");
        assertThat(attempts(one)).containsOnly(Map.entry("1:cancelled", 1L));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");
        assertThat(logMessages()).containsExactly("created", "subtask cancelled");
    }

    @Test
    void aGeneratingSubtaskIsCancelledAndItsWorkersResultDiscarded() throws Exception {
        UUID one = subtask(1, 1);
        long attempt = workerClaims(one);
        assertThat(counters()).isEqualTo("8/1/0/0/0 processing");

        act("cancel", one, MANAGER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.was").value("processing"))
                .andExpect(jsonPath("$.cancelled_attempts").value(0));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");

        assertThat(jdbc.sql("SELECT complete_queue_task(:id, 'w1', 1, '{\"url\": \"/images/x.png\"}'::jsonb)")
                        .param("id", attempt)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled");
        assertThat(subtaskStatus(one)).isEqualTo("cancelled");
        assertThat(attempts(one)).containsOnly(Map.entry("1:cancelled", 1L));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");
    }

    @Test
    void aFinishedSubtaskCannotBeCancelled() throws Exception {
        UUID done = subtask(0, 1);
        workerCompletes(done);
        UUID failed = subtask(0, 2);
        workerFails(failed);
        String before = counters();

        act("cancel", done, USER)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("this one is completed")));
        act("cancel", failed, USER).andExpect(status().isConflict());
        act("cancel", subtask(0, 0), USER).andExpect(status().isOk());
        act("cancel", subtask(0, 0), USER).andExpect(status().isConflict());

        assertThat(before).isEqualTo("7/0/1/1/0 processing");
        assertThat(counters()).isEqualTo("6/0/1/1/1 processing");
    }

    @Test
    void aFailedSubtaskIsRetriedWithTheNextAttempt() throws Exception {
        UUID one = subtask(2, 2);
        workerFails(one);
        assertThat(counters()).isEqualTo("8/0/0/1/0 processing");

        act("retry", one, USER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subtask_id").value(one.toString()))
                .andExpect(jsonPath("$.status").value("pending"))
                .andExpect(jsonPath("$.attempt").value(2));

        assertThat(subtaskStatus(one)).isEqualTo("pending");
        assertThat(attempts(one)).containsOnly(Map.entry("1:failed", 1L), Map.entry("2:pending", 1L));
        assertThat(jdbc.sql("SELECT error IS NULL FROM subtasks WHERE task_id = :task AND id = :id")
                        .param("task", task)
                        .param("id", one)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(counters()).isEqualTo("9/0/0/0/0 pending");
        assertThat(logMessages()).containsExactly("created", "failed", "subtask retried");
    }

    @Test
    void aCancelledSubtaskIsRetriedAndItsWaitingRetryDropped() throws Exception {
        UUID one = subtask(1, 0);
        act("cancel", one, USER).andExpect(status().isOk());
        jdbc.sql("""
                        INSERT INTO subtask_retries (task_id, subtask_id, queue_id, priority, attempt, due_at)
                        SELECT task_id, subtask_id, queue_id, priority, 2, now() + interval '1 hour'
                          FROM queue_tasks WHERE task_id = :task AND subtask_id = :s
                        """).param("task", task).param("s", one).update();

        act("retry", one, USER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.attempt").value(2));

        assertThat(attempts(one)).containsOnly(Map.entry("1:cancelled", 1L), Map.entry("2:pending", 1L));
        assertThat(jdbc.sql("SELECT count(*) FROM subtask_retries WHERE task_id = :task")
                        .param("task", task)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(counters()).isEqualTo("9/0/0/0/0 pending");
    }

    @Test
    void onlyAFailedOrCancelledSubtaskWithNoRunningAttemptIsRetried() throws Exception {
        act("retry", subtask(0, 0), USER)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("this one is pending")));
        UUID done = subtask(0, 1);
        workerCompletes(done);
        act("retry", done, USER).andExpect(status().isConflict());

        // Cancelled while generating: its worker has not reported yet, so its attempt still runs.
        UUID generating = subtask(0, 2);
        workerClaims(generating);
        act("cancel", generating, USER).andExpect(status().isOk());
        act("retry", generating, USER)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.containsString("still pending or generating")));
        assertThat(attempts(generating)).containsOnly(Map.entry("1:processing", 1L));
        assertThat(counters()).isEqualTo("7/0/1/0/1 processing");
    }

    @Test
    void retryingASubtaskReopensAFinishedTaskAndItsCountersFollow() throws Exception {
        UUID failed = subtask(2, 1);
        for (int v0 = 0; v0 < 3; v0++) {
            for (int v1 = 0; v1 < 3; v1++) {
                UUID each = subtask(v0, v1);
                if (each.equals(failed)) {
                    workerFails(each);
                } else {
                    workerCompletes(each);
                }
            }
        }
        assertThat(counters()).isEqualTo("0/0/8/1/0 completed");

        act("retry", failed, USER).andExpect(status().isOk());
        assertThat(counters()).isEqualTo("1/0/8/0/0 processing");
        mvc.perform(get("/api/tasks/" + task).with(as(USER)))
                .andExpect(jsonPath("$.completed_at").isEmpty())
                .andExpect(jsonPath("$.progress").value(89));

        act("cancel", failed, USER).andExpect(status().isOk());
        assertThat(counters()).isEqualTo("0/0/8/0/1 completed");
    }

    @Test
    void aSubtaskOfACancelledTaskIsNotRetried() throws Exception {
        UUID one = subtask(0, 0);
        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(USER))).andExpect(status().isOk());
        act("retry", one, USER).andExpect(status().isConflict());
        assertThat(subtaskStatus(one)).isEqualTo("cancelled");
    }

    @Test
    void unknownSubtasksAnswer404AndOthersCannotAct() throws Exception {
        UUID one = subtask(0, 0);
        act("cancel", UUID.randomUUID(), USER).andExpect(status().isNotFound());
        act("retry", UUID.randomUUID(), USER).andExpect(status().isNotFound());
        // Another user's task is not theirs to see: the same 404 as an unknown one.
        act("cancel", one, OTHER_USER).andExpect(status().isNotFound());
        // A guest may act on nothing.
        act("cancel", one, GUEST)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        act("retry", one, GUEST).andExpect(status().isForbidden());
        assertThat(subtaskStatus(one)).isEqualTo("pending");
        assertThat(counters()).isEqualTo("9/0/0/0/0 pending");
    }
}
