package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class LargeSubmissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTaskOfTenThousandSubtasksIsWrittenWhole() throws Exception {
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.product("ten thousand", 100, 100)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.total_images").value(10_000));

        Map<String, Object> counts = jdbc.sql("""
                        SELECT (SELECT count(*) FROM subtasks) AS subtasks,
                               (SELECT count(*) FROM queue_tasks WHERE status = 'pending') AS queue_tasks,
                               (SELECT total - next_seq FROM queue_backlog) AS backlog,
                               (SELECT count(DISTINCT variable_indices) FROM subtasks) AS combinations,
                               (SELECT count(*) FROM subtasks WHERE seed IS NULL) AS without_seed
                        """).query().singleRow();
        assertThat(counts)
                .containsEntry("subtasks", 10_000L)
                // Admitted at once into the idle queue: its 10 free slots and a lead of 2; the rest waits in the
                // backlog.
                .containsEntry("queue_tasks", 12L)
                .containsEntry("backlog", 9_988)
                .containsEntry("combinations", 10_000L)
                .containsEntry("without_seed", 0L);
        assertThat(jdbc.sql("""
                        SELECT variable_indices::text FROM subtasks ORDER BY seq DESC LIMIT 1
                        """).query(String.class).single()).isEqualTo("{\"v0\": 99, \"v1\": 99}");
        assertThat(jdbc.sql("SELECT count(*) FROM check_task_progress_consistency()")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
