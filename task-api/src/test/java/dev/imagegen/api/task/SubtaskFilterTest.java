package dev.imagegen.api.task;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The subtask list's filters: statuses, ratings and variable values, alone, together and across pages. The task has
 * v0 (prompt: a, b, c) and v1 (character: x, y, z), nine subtasks.
 */
@ApiTest
class SubtaskFilterTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    UUID task;

    @BeforeEach
    void aTaskWithFinishedAndRatedSubtasks() throws Exception {
        task = Submit.task(mvc, USER, Bodies.twoByThree("filters"));
        // v0 = 0: completed, (0, 0) rated good and (0, 1) poor; v0 = 1, v1 = 2: failed; the rest pending.
        jdbc.sql("UPDATE subtasks SET status = 'completed' WHERE task_id = :task AND variable_indices->>'v0' = '0'")
                .param("task", task)
                .update();
        jdbc.sql("""
                        UPDATE subtasks SET rating = CASE variable_indices->>'v1' WHEN '0' THEN 'good' ELSE 'poor' END::quality_rating
                         WHERE task_id = :task AND variable_indices->>'v0' = '0' AND variable_indices->>'v1' IN ('0', '1')
                        """).param("task", task).update();
        jdbc.sql("""
                        UPDATE subtasks SET status = 'failed'
                         WHERE task_id = :task AND variable_indices = '{"v0": 1, "v1": 2}'
                        """).param("task", task).update();
    }

    /** The variable_indices of every subtask the query lists, following next to the last page. */
    List<String> listed(String query) throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            String path = "/api/tasks/" + task + "/subtasks?" + query + (after == null ? "" : "&after=" + after);
            JsonNode page = mapper.readTree(mvc.perform(get(path).with(as(USER)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            page.get("items")
                    .forEach(item -> seen.add(item.get("variable_indices").toString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        return seen;
    }

    String tagUuid(String variable, int index) {
        return jdbc.sql("SELECT variables -> :variable -> 'values' -> :index ->> 'uuid' FROM tasks WHERE id = :task")
                .param("variable", variable)
                .param("index", index)
                .param("task", task)
                .query(String.class)
                .single();
    }

    static String at(int v0, int v1) {
        return "{\"v0\":" + v0 + ",\"v1\":" + v1 + "}";
    }

    @Test
    void severalStatusesAreAlternativesRepeatedOrCommaSeparated() throws Exception {
        assertThat(listed("status=completed&status=failed")).containsExactly(at(0, 0), at(0, 1), at(0, 2), at(1, 2));
        assertThat(listed("status=failed,completed")).containsExactly(at(0, 0), at(0, 1), at(0, 2), at(1, 2));
        assertThat(listed("status=pending")).hasSize(5);
    }

    @Test
    void ratingsFilterAndCombineWithStatus() throws Exception {
        assertThat(listed("rating=good")).containsExactly(at(0, 0));
        assertThat(listed("rating=good&rating=poor")).containsExactly(at(0, 0), at(0, 1));
        assertThat(listed("rating=unrated&status=completed")).containsExactly(at(0, 2));
    }

    @Test
    void aVariableValueIsNamedByItsIndexOrItsTagUuid() throws Exception {
        assertThat(listed("variable=v1:1")).containsExactly(at(0, 1), at(1, 1), at(2, 1));
        // Every stored tag names its library tag by uuid: v1's second value (Crane), v0's third (ink).
        String crane = tagUuid("v1", 1);
        assertThat(listed("variable=v1:" + crane)).containsExactly(at(0, 1), at(1, 1), at(2, 1));
        assertThat(listed("variable=v0:" + tagUuid("v0", 2) + "&variable=v1:" + crane))
                .containsExactly(at(2, 1));
    }

    @Test
    void valuesOfOneVariableAreAlternativesAndDifferentVariablesMustAllMatch() throws Exception {
        assertThat(listed("variable=v0:0&variable=v0:2"))
                .containsExactly(at(0, 0), at(0, 1), at(0, 2), at(2, 0), at(2, 1), at(2, 2));
        assertThat(listed("variable=v0:0&variable=v0:2&variable=v1:2")).containsExactly(at(0, 2), at(2, 2));
        assertThat(listed("variable=v1:2&status=completed,failed")).containsExactly(at(0, 2), at(1, 2));
    }

    @Test
    void filtersHoldAcrossPages() throws Exception {
        assertThat(listed("variable=v1:0&variable=v1:2&limit=2"))
                .containsExactly(at(0, 0), at(0, 2), at(1, 0), at(1, 2), at(2, 0), at(2, 2));
        assertThat(listed("status=pending&limit=1")).containsExactly(at(1, 0), at(1, 1), at(2, 0), at(2, 1), at(2, 2));
    }

    @Test
    void everyBadFilterIsListedWithItsParameter() throws Exception {
        String answer = mvc.perform(get("/api/tasks/" + task
                                + "/subtasks?status=done&status=completed&rating=excellent&variable=v0&limit=0")
                        .with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(paths(answer)).containsExactlyInAnyOrder("status", "rating", "variable", "limit");
    }

    @Test
    void variablesAndValuesTheTaskDoesNotHaveAreBadFilters() throws Exception {
        String answer = mvc.perform(get("/api/tasks/" + task + "/subtasks?variable=v5:0&variable=v0:3&variable=v1:q")
                        .with(as(USER)))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(paths(answer)).containsExactly("variable", "variable", "variable");
        assertThat(answer).contains("no variable v5").contains("indices 0 to 2").contains("uuid 'q'");
    }

    List<String> paths(String problem) {
        List<String> paths = new ArrayList<>();
        mapper.readTree(problem)
                .get("errors")
                .forEach(error -> paths.add(error.get("path").asString()));
        return paths;
    }
}
