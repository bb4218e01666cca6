package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A failure at the very last row a submission writes (its last admitted attempt) leaves no row at all: task,
 * subtasks, backlog, queue rows and logs.
 */
@ApiTest
class SubmitTransactionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void failTheLastQueueTaskOfTheTestTask() {
        // A test-only trigger: refuses the queue row of the last combination (v0=2, v1=2) of a 3 x 3 task, the
        // last attempt its submission admits into the idle queue (10 free slots and a lead of 2: all nine).
        jdbc.sql("""
                CREATE FUNCTION refuse_last_queue_task() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT variable_indices FROM subtasks WHERE task_id = NEW.task_id AND id = NEW.subtask_id)
                       = '{"v0": 2, "v1": 2}'::jsonb THEN
                        RAISE EXCEPTION 'refused for the test';
                    END IF;
                    RETURN NEW;
                END $$
                """).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_last_queue_task BEFORE INSERT ON queue_tasks
                    FOR EACH ROW EXECUTE FUNCTION refuse_last_queue_task()
                """).update();
    }

    @AfterEach
    void removeTheTrigger() {
        jdbc.sql("DROP TRIGGER refuse_last_queue_task ON queue_tasks").update();
        jdbc.sql("DROP FUNCTION refuse_last_queue_task()").update();
    }

    @Test
    void aFailureAtTheLastQueueTaskRowWritesNothing() throws Exception {
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.twoByThree("doomed")))
                .andExpect(status().isInternalServerError());

        for (String table : new String[] {"tasks", "subtasks", "queue_backlog", "queue_tasks", "task_logs", "tags"}) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        assertThat(jdbc.sql("SELECT sum(current_concurrent_tasks) FROM task_queues")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theSameTaskIsWrittenWhenNothingFails() throws Exception {
        jdbc.sql("DROP TRIGGER refuse_last_queue_task ON queue_tasks").update();
        jdbc.sql("CREATE TRIGGER refuse_last_queue_task BEFORE INSERT ON queue_tasks FOR EACH ROW WHEN (false) "
                        + "EXECUTE FUNCTION refuse_last_queue_task()")
                .update();
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.twoByThree("fine")))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("SELECT count(*) FROM queue_tasks")
                        .query(Long.class)
                        .single())
                .isEqualTo(9);
        assertThat(jdbc.sql("SELECT count(*) FROM queue_backlog")
                        .query(Long.class)
                        .single())
                .as("all admitted: the task left the backlog")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tags").query(Long.class).single())
                .isEqualTo(7);
        jdbc.sql("DELETE FROM tasks").update();
        jdbc.sql("DELETE FROM tags").update();
    }
}
