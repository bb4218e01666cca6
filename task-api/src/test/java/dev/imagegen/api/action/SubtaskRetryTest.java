package dev.imagegen.api.action;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retry of one subtask: what each state allows and the task's counters after each. */
@ApiTest
class SubtaskRetryTest extends SubtaskActionFixture {

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
}
