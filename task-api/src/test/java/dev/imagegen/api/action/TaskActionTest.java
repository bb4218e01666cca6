package dev.imagegen.api.action;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Counters;
import dev.imagegen.api.support.Submit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class TaskActionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    UUID task;

    @BeforeEach
    void submitNineSubtasks() throws Exception {
        // Every attempt admitted at submission, as these tests move attempts the way workers do: the tests share
        // the queue, and a window filled by other tests' attempts would admit none (admission has tests of its own).
        jdbc.sql("UPDATE task_queues SET admission_window = 10000 WHERE name = 'standard_tasks'")
                .update();
        task = Submit.task(mvc, USER, Bodies.twoByThree("act"));
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

    /** Moves the subtask of combination (v0, v1) to a status, as a worker would, attempt included. */
    void workerMoves(int v0, int v1, String status) {
        String where = "task_id = :task AND id = (SELECT id FROM subtasks WHERE task_id = :task"
                + " AND variable_indices = jsonb_build_object('v0', :v0, 'v1', :v1))";
        jdbc.sql("UPDATE queue_tasks SET status = :status, started_at = now() WHERE "
                        + where.replace("AND id =", "AND subtask_id ="))
                .param("task", task)
                .param("v0", v0)
                .param("v1", v1)
                .param("status", status)
                .update();
        jdbc.sql("UPDATE subtasks SET status = CAST(:status AS subtask_status) WHERE " + where)
                .param("task", task)
                .param("v0", v0)
                .param("v1", v1)
                .param("status", status)
                .update();
    }

    Map<String, Long> subtaskStatuses() {
        return jdbc
                .sql("SELECT status::text, count(*) FROM subtasks WHERE task_id = :task GROUP BY status")
                .param("task", task)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    List<String> logMessages() {
        return jdbc.sql("SELECT message FROM task_logs WHERE task_id = :task ORDER BY created_at, id")
                .param("task", task)
                .query(String.class)
                .list();
    }

    @Test
    void cancelStopsPendingWorkAndLeavesRunningWorkToItsWorker() throws Exception {
        workerMoves(0, 0, "processing");
        workerMoves(0, 1, "completed");

        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelled_subtasks").value(7))
                .andExpect(jsonPath("$.cancelled_attempts").value(7))
                .andExpect(jsonPath("$.running_subtasks").value(1));

        assertThat(subtaskStatuses()).containsEntry("cancelled", 7L).containsEntry("processing", 1L);
        assertThat(jdbc.sql("SELECT count(*) FROM queue_tasks WHERE task_id = :task AND status = 'pending'")
                        .param("task", task)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT status::text FROM tasks WHERE id = :task")
                        .param("task", task)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled");
        assertThat(logMessages()).containsExactly("created", "cancelled");
    }

    @Test
    void aCancelThatEndsTheLastOpenSubtasksLeavesTheTaskCancelledNotCompleted() throws Exception {
        workerMoves(0, 0, "completed");
        workerMoves(0, 1, "failed");

        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelled_subtasks").value(7))
                .andExpect(jsonPath("$.running_subtasks").value(0));

        assertThat(jdbc.sql("SELECT status::text || ' ' || (completed_at IS NOT NULL) FROM tasks WHERE id = :task")
                        .param("task", task)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled true");
        mvc.perform(post("/api/tasks/" + task + "/retry").with(as(USER))).andExpect(status().isConflict());
    }

    @Test
    void aFinishedTaskCannotBeCancelled() throws Exception {
        jdbc.sql("UPDATE queue_tasks SET status = 'completed' WHERE task_id = :task")
                .param("task", task)
                .update();
        jdbc.sql("UPDATE subtasks SET status = 'completed' WHERE task_id = :task")
                .param("task", task)
                .update();
        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(USER))).andExpect(status().isConflict());
    }

    @Test
    void retryGivesEachFailedSubtaskTheNextAttempt() throws Exception {
        workerMoves(1, 1, "failed");
        workerMoves(2, 2, "failed");
        workerMoves(0, 0, "completed");

        mvc.perform(post("/api/tasks/" + task + "/retry").with(as(MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retried_subtasks").value(2));

        assertThat(subtaskStatuses()).containsEntry("pending", 8L).containsEntry("completed", 1L);
        assertThat(jdbc.sql("""
                        SELECT q.attempt || ':' || q.status || ':' || q2.name FROM queue_tasks q
                          JOIN task_queues q2 ON q2.id = q.queue_id
                         WHERE q.task_id = :task AND q.attempt > 1
                        """).param("task", task).query(String.class).list())
                .containsExactly("2:pending:standard_tasks", "2:pending:standard_tasks");
        assertThat(logMessages()).containsExactly("created", "retried");
    }

    @Test
    void aCancelledTaskIsNotRetried() throws Exception {
        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(USER))).andExpect(status().isOk());
        mvc.perform(post("/api/tasks/" + task + "/retry").with(as(USER))).andExpect(status().isConflict());
    }

    @Test
    void deleteHidesTheTaskAndCancelsItsPendingWork() throws Exception {
        mvc.perform(delete("/api/tasks/" + task).with(as(USER))).andExpect(status().isNoContent());

        mvc.perform(get("/api/tasks/" + task).with(as(MANAGER))).andExpect(status().isNotFound());
        assertThat(subtaskStatuses()).containsOnly(Map.entry("cancelled", 9L));
        assertThat(jdbc.sql("SELECT is_deleted FROM tasks WHERE id = :task")
                        .param("task", task)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(logMessages()).containsExactly("created", "deleted");
        mvc.perform(delete("/api/tasks/" + task).with(as(USER))).andExpect(status().isNotFound());
    }

    @Test
    void aCompletedSubtaskIsRatedAndThePendingOnesAreNot() throws Exception {
        workerMoves(0, 0, "completed");
        UUID done = subtask(0, 0);
        mvc.perform(put("/api/tasks/" + task + "/subtasks/" + done + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"good\", \"evaluation\": \"构图合理，细节丰富\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rating").value("good"));
        mvc.perform(get("/api/tasks/" + task).with(as(USER)))
                .andExpect(jsonPath("$.good_quality_images").value(1));
        assertThat(jdbc.sql("SELECT evaluation FROM subtasks WHERE task_id = :task AND id = :id")
                        .param("task", task)
                        .param("id", done)
                        .query(String.class)
                        .single())
                .isEqualTo("构图合理，细节丰富");

        mvc.perform(put("/api/tasks/" + task + "/subtasks/" + subtask(1, 1) + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"poor\"}"))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/tasks/" + task + "/subtasks/" + done + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"excellent\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.rating"));
        assertThat(logMessages()).containsExactly("created", "rated");
    }

    @Test
    void anotherUserCannotActOnTheTask() throws Exception {
        mvc.perform(post("/api/tasks/" + task + "/cancel").with(as(OTHER_USER))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/tasks/" + task).with(as(OTHER_USER))).andExpect(status().isNotFound());
        assertThat(subtaskStatuses()).containsOnly(Map.entry("pending", 9L));
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
}
