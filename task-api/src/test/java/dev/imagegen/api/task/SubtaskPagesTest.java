package dev.imagegen.api.task;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The task page's first reads of a large task (V169): a page of subtasks and the task's rating counts read the rows
 * they answer with, not every subtask of the task; subtasks written before they carried their place in the expansion
 * order still page in that order.
 */
@ApiTest
class SubtaskPagesTest {

    private static final SubtaskFilter EVERY = new SubtaskFilter(List.of(), List.of(), new TreeMap<>());

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    @Test
    void aPageOfATenThousandSubtaskTaskReadsOnlyItsOwnRows() throws Exception {
        UUID task = Submit.task(mvc, USER, Bodies.product("ten thousand", 100, 100));
        // As autovacuum does after a write of 10,000 rows: without statistics the planner takes the partition for
        // nearly empty, and any plan for it for as cheap as any other.
        jdbc.sql("ANALYZE subtasks").update();

        Map<String, Object> params = new HashMap<>();
        Plan plan = plan(SubtaskQueries.pageQuery(task, EVERY, null, 48, params), params);
        assertThat(plan.subtaskRows())
                .as("subtask rows read for the first page of 48: %s", plan)
                .isLessThanOrEqualTo(48 + 1);

        JsonNode first = page(task, "limit=48");
        assertThat(indices(first)).startsWith("{\"v0\":0,\"v1\":0}", "{\"v0\":0,\"v1\":1}");
        assertThat(indices(first).get(47)).isEqualTo("{\"v0\":0,\"v1\":47}");
        UUID after = UUID.fromString(first.get("next").asString());

        params.clear();
        plan = plan(SubtaskQueries.pageQuery(task, EVERY, after, 48, params), params);
        // The page's rows, the cursor's subtask, and nothing of the other 9,950.
        assertThat(plan.subtaskRows())
                .as("subtask rows read for the second page of 48: %s", plan)
                .isLessThanOrEqualTo(48 + 1 + 2);
        assertThat(indices(page(task, "limit=48&after=" + after)))
                .startsWith("{\"v0\":0,\"v1\":48}")
                .endsWith("{\"v0\":0,\"v1\":95}");
    }

    @Test
    void aTasksRatingCountsReadOnlyItsRatedSubtasks() throws Exception {
        UUID task = Submit.task(mvc, USER, Bodies.product("rated", 100, 100));
        jdbc.sql("""
                UPDATE subtasks SET status = 'completed', rating = CASE WHEN seq < 3 THEN 'good' ELSE 'poor' END::quality_rating
                 WHERE task_id = :task AND seq < 5
                """).param("task", task).update();

        Plan plan = plan("SELECT * FROM task_details WHERE id = :task", Map.of("task", task));
        assertThat(plan.subtaskRows())
                .as("subtask rows read to count 5 rated of 10,000: %s", plan)
                .isLessThanOrEqualTo(5);
        JsonNode detail = mapper.readTree(mvc.perform(get("/api/tasks/" + task).with(as(USER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(detail.get("good_quality_images").asInt()).isEqualTo(3);
        assertThat(detail.get("poor_quality_images").asInt()).isEqualTo(2);
    }

    @Test
    void subtasksWrittenWithoutTheirPlaceStillPageInExpansionOrder() throws Exception {
        UUID task = Submit.task(mvc, USER, Bodies.product("before seq", 3, 4));
        // As subtasks written before V160 are.
        jdbc.sql("UPDATE subtasks SET seq = NULL WHERE task_id = :task")
                .param("task", task)
                .update();

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = page(task, "limit=5" + (after == null ? "" : "&after=" + after));
            seen.addAll(indices(page));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        List<String> expected = new ArrayList<>();
        for (int v0 = 0; v0 < 3; v0++) {
            for (int v1 = 0; v1 < 4; v1++) {
                expected.add("{\"v0\":%d,\"v1\":%d}".formatted(v0, v1));
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        // Filtered the same way as the subtasks with a place.
        jdbc.sql("UPDATE subtasks SET status = 'failed' WHERE task_id = :task AND variable_indices->>'v1' = '2'")
                .param("task", task)
                .update();
        assertThat(indices(page(task, "status=failed&limit=2")))
                .containsExactly("{\"v0\":0,\"v1\":2}", "{\"v0\":1,\"v1\":2}");
    }

    private JsonNode page(UUID task, String query) throws Exception {
        return mapper.readTree(
                mvc.perform(get("/api/tasks/" + task + "/subtasks?" + query).with(as(USER)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
    }

    private static List<String> indices(JsonNode page) {
        List<String> indices = new ArrayList<>();
        page.get("items")
                .forEach(item -> indices.add(item.get("variable_indices").toString()));
        return indices;
    }

    /** The query's plan as it ran, and the rows of subtasks it read, summed over every scan of a subtasks partition. */
    private Plan plan(String sql, Map<String, Object> params) {
        String plan = jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                .params(params)
                .query(String.class)
                .single();
        return new Plan(rowsRead(mapper.readTree(plan).get(0).get("Plan")), plan);
    }

    private record Plan(long subtaskRows, String json) {

        @Override
        public String toString() {
            return json;
        }
    }

    private static long rowsRead(JsonNode node) {
        long rows = 0;
        if (node.path("Relation Name").asString("").startsWith("subtasks")) {
            rows += node.get("Actual Rows").asLong() * node.get("Actual Loops").asLong()
                    + node.path("Rows Removed by Filter").asLong(0);
        }
        for (JsonNode child : node.path("Plans")) {
            rows += rowsRead(child);
        }
        return rows;
    }
}
