package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.ObjectMapper;

@ApiTest
class SubmitTaskTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    UUID submit(String body) throws Exception {
        String answer = mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/tasks/")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(mapper.readTree(answer).get("id").asString());
    }

    @Test
    void twoVariablesOfThreeValuesBecomeNineSubtasksEachWithOneQueueTask() throws Exception {
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.twoByThree("nine")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.total_images").value(9))
                .andExpect(jsonPath("$.queue").value("standard_tasks"))
                .andExpect(jsonPath("$.status").value("pending"));

        UUID task = jdbc.sql("SELECT id FROM tasks WHERE name = 'nine'")
                .query(UUID.class)
                .single();
        List<String> indicesInExpansionOrder =
                jdbc.sql("""
                        SELECT variable_indices::text FROM subtasks WHERE task_id = :task ORDER BY seq
                        """).param("task", task).query(String.class).list();
        // The backlog admits in expansion order, as many as the queue's window has room for (the tests share
        // the queue): the admitted attempts are the first subtasks, and the backlog holds the rest.
        List<Integer> admitted =
                jdbc.sql("""
                        SELECT s.seq FROM queue_tasks q
                          JOIN subtasks s ON s.task_id = q.task_id AND s.id = q.subtask_id
                         WHERE q.task_id = :task ORDER BY q.id
                        """).param("task", task).query(Integer.class).list();
        assertThat(admitted)
                .isEqualTo(java.util.stream.IntStream.range(0, admitted.size())
                        .boxed()
                        .toList());
        assertThat(jdbc.sql("SELECT coalesce(sum(total - next_seq), 0) FROM queue_backlog WHERE task_id = :task")
                        .param("task", task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(9 - admitted.size());
        assertThat(indicesInExpansionOrder)
                .containsExactly(
                        "{\"v0\": 0, \"v1\": 0}",
                        "{\"v0\": 0, \"v1\": 1}",
                        "{\"v0\": 0, \"v1\": 2}",
                        "{\"v0\": 1, \"v1\": 0}",
                        "{\"v0\": 1, \"v1\": 1}",
                        "{\"v0\": 1, \"v1\": 2}",
                        "{\"v0\": 2, \"v1\": 0}",
                        "{\"v0\": 2, \"v1\": 1}",
                        "{\"v0\": 2, \"v1\": 2}");
        Map<String, Object> last = jdbc.sql("""
                        SELECT prompts::text AS prompts, ratio, seed, use_polish, batch_size FROM subtasks
                         WHERE task_id = :task AND variable_indices = '{"v0": 2, "v1": 1}'
                        """).param("task", task).query().singleRow();
        assertThat((String) last.get("prompts"))
                .contains("a quiet lake at dawn", "ink sketch", "crane")
                .doesNotContain("oil painting", "fox");
        assertThat(last)
                .containsEntry("ratio", "16:9")
                .containsEntry("use_polish", true)
                .containsEntry("batch_size", 2);
        assertThat(jdbc.sql("SELECT count(*) FROM subtasks WHERE task_id = :task AND seed IS NULL")
                        .param("task", task)
                        .query(Long.class)
                        .single())
                .as("a null seed is drawn per subtask and stored")
                .isZero();
        assertThat(jdbc.sql("SELECT count(DISTINCT seed) FROM subtasks WHERE task_id = :task")
                        .param("task", task)
                        .query(Long.class)
                        .single())
                .isGreaterThan(1);
        assertThat(jdbc.sql("SELECT message FROM task_logs WHERE task_id = :task")
                        .param("task", task)
                        .query(String.class)
                        .list())
                .containsExactly("created");
        assertThat(jdbc.sql("SELECT count(*) FROM check_task_progress_consistency()")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aTaskWithoutVariablesIsOneSubtask() throws Exception {
        UUID task = submit(Bodies.single("one"));
        assertThat(jdbc.sql("SELECT total_images FROM tasks WHERE id = :id")
                        .param("id", task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT variable_indices::text FROM subtasks WHERE task_id = :id")
                        .param("id", task)
                        .query(String.class)
                        .single())
                .isEqualTo("{}");
    }

    @Test
    void aLuminaTagRoutesToTheLuminaQueueAndHighPriorityToTheHighPriorityQueue() throws Exception {
        UUID lumina = submit("""
                {"name": "lumina", "priority": 5, "prompts": [{"type": "lumina", "value": "lumina style"}]}
                """);
        UUID urgent = submit("""
                {"name": "urgent", "priority": 3, "prompts": [{"type": "prompt", "value": "now"}]}
                """);
        UUID routine = submit("""
                {"name": "routine", "priority": 2, "prompts": [{"type": "prompt", "value": "later"}]}
                """);
        assertThat(queueOf(lumina)).isEqualTo("lumina_tasks");
        assertThat(queueOf(urgent)).isEqualTo("high_priority_tasks");
        assertThat(queueOf(routine)).isEqualTo("standard_tasks");
    }

    @Test
    void settingsTakenFromVariablesFollowTheCombination() throws Exception {
        UUID task = submit("""
                {"name": "ratios", "prompts": [{"type": "prompt", "value": "a tree"}],
                 "ratio": {"value": null, "is_variable": true, "variable_id": "v0"},
                 "seed": {"value": null, "is_variable": true, "variable_id": "v1"},
                 "variables": {"v0": {"type": "ratio", "values": ["1:1", "16:9"]},
                               "v1": {"type": "seed", "values": [7, {"value": 8}]}}}
                """);
        assertThat(jdbc.sql("""
                        SELECT ratio || '/' || seed FROM subtasks WHERE task_id = :id ORDER BY variable_indices
                        """).param("id", task).query(String.class).list())
                .containsExactly("1:1/7", "1:1/8", "16:9/7", "16:9/8");
    }

    @Test
    void theReadyToSendRequestOfTheHttpFolderIsAValidTaskOfNineSubtasks() throws Exception {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("../http/two-variables-three-values.json"));
        UUID task = submit(body);
        assertThat(jdbc.sql("SELECT total_images FROM tasks WHERE id = :id")
                        .param("id", task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(9);
    }

    private String queueOf(UUID task) {
        return jdbc.sql("""
                        SELECT q.name FROM tasks t JOIN task_queues q ON q.id = t.queue_id WHERE t.id = :id
                        """).param("id", task).query(String.class).single();
    }
}
