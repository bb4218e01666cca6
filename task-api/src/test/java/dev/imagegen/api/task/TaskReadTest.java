package dev.imagegen.api.task;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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

@ApiTest
class TaskReadTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    UUID mine;
    UUID theirs;

    @BeforeEach
    void twoUsersEachSubmitATask() throws Exception {
        jdbc.sql("DELETE FROM tasks").update();
        mine = Submit.task(mvc, USER, Bodies.twoByThree("mine"));
        theirs = Submit.task(mvc, OTHER_USER, Bodies.single("theirs"));
    }

    JsonNode getJson(String path, String username) throws Exception {
        return mapper.readTree(mvc.perform(get(path).with(as(username)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void ofPrivateTasksAUserListsTheirOwnManagersAllAndGuestsNone() throws Exception {
        assertThat(names(getJson("/api/tasks", USER))).containsExactly("mine");
        assertThat(names(getJson("/api/tasks", MANAGER))).containsExactly("theirs", "mine");
        assertThat(names(getJson("/api/tasks", GUEST))).isEmpty();
        assertThat(names(getJson("/api/tasks?user=" + OTHER_USER, MANAGER))).containsExactly("theirs");
    }

    @Test
    void anotherUsersTaskAnswersNotFoundEverywhere() throws Exception {
        UUID subtask = jdbc.sql("SELECT id FROM subtasks WHERE task_id = :id")
                .param("id", theirs)
                .query(UUID.class)
                .single();
        for (String path : List.of(
                "/api/tasks/" + theirs,
                "/api/tasks/" + theirs + "/subtasks",
                "/api/tasks/" + theirs + "/subtasks/" + subtask,
                "/api/tasks/" + theirs + "/logs")) {
            mvc.perform(get(path).with(as(USER))).andExpect(status().isNotFound());
            mvc.perform(get(path).with(as(MANAGER))).andExpect(status().isOk());
        }
    }

    @Test
    void oneTaskShowsItsCountersQueueAndSettings() throws Exception {
        jdbc.sql("""
                UPDATE subtasks SET status = 'completed', rating = 'good'
                 WHERE task_id = :id AND variable_indices->>'v0' = '0'
                """).param("id", mine).update();
        mvc.perform(get("/api/tasks/" + mine).with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_images").value(9))
                .andExpect(jsonPath("$.completed_subtasks").value(3))
                .andExpect(jsonPath("$.good_quality_images").value(3))
                .andExpect(jsonPath("$.progress").value(33))
                .andExpect(jsonPath("$.status").value("processing"))
                .andExpect(jsonPath("$.queue").value("standard_tasks"))
                .andExpect(jsonPath("$.ratio.value").value("16:9"))
                .andExpect(jsonPath("$.variables.v1.values[2].value").value("turtle"));
    }

    @Test
    void subtasksComeInExpansionOrderPageByPageAndFilterByStatus() throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = getJson(
                    "/api/tasks/" + mine + "/subtasks?limit=4" + (after == null ? "" : "&after=" + after), USER);
            page.get("items")
                    .forEach(item -> seen.add(item.get("variable_indices").toString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        assertThat(seen)
                .containsExactly(
                        "{\"v0\":0,\"v1\":0}",
                        "{\"v0\":0,\"v1\":1}",
                        "{\"v0\":0,\"v1\":2}",
                        "{\"v0\":1,\"v1\":0}",
                        "{\"v0\":1,\"v1\":1}",
                        "{\"v0\":1,\"v1\":2}",
                        "{\"v0\":2,\"v1\":0}",
                        "{\"v0\":2,\"v1\":1}",
                        "{\"v0\":2,\"v1\":2}");

        jdbc.sql("UPDATE subtasks SET status = 'failed' WHERE task_id = :id AND variable_indices->>'v1' = '2'")
                .param("id", mine)
                .update();
        mvc.perform(get("/api/tasks/" + mine + "/subtasks?status=failed").with(as(USER)))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.next").isEmpty());
    }

    @Test
    void aSubtaskShowsItsDispatchAttempts() throws Exception {
        UUID subtask = jdbc.sql("SELECT id FROM subtasks WHERE task_id = :id LIMIT 1")
                .param("id", mine)
                .query(UUID.class)
                .single();
        mvc.perform(get("/api/tasks/" + mine + "/subtasks/" + subtask).with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task_name").value("mine"))
                .andExpect(jsonPath("$.attempts.length()").value(1))
                .andExpect(jsonPath("$.attempts[0].queue").value("standard_tasks"))
                .andExpect(jsonPath("$.attempts[0].attempt").value(1));
    }

    @Test
    void tasksPageNewestFirstWithoutGapsOrRepeats() throws Exception {
        for (int i = 0; i < 5; i++) {
            Submit.task(mvc, USER, Bodies.single("page " + i));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = getJson("/api/tasks?limit=2" + (after == null ? "" : "&after=" + after), USER);
            seen.addAll(names(page));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        assertThat(seen).containsExactly("page 4", "page 3", "page 2", "page 1", "page 0", "mine");
    }

    @Test
    void theCreatedRangeHonoursTheOffsetOfItsBounds() throws Exception {
        // One minute ago, written as Beijing time (UTC+08:00): a bound read as UTC would be eight hours off.
        String minuteAgo = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                .minusMinutes(1)
                .toString();
        assertThat(names(listed("created_from", minuteAgo))).containsExactlyInAnyOrder("mine", "theirs");
        assertThat(names(listed("created_to", minuteAgo))).isEmpty();
    }

    JsonNode listed(String param, String value) throws Exception {
        return mapper.readTree(mvc.perform(get("/api/tasks").param(param, value).with(as(MANAGER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void deletedTasksAreHidden() throws Exception {
        jdbc.sql("UPDATE tasks SET is_deleted = true WHERE id = :id")
                .param("id", mine)
                .update();
        assertThat(names(getJson("/api/tasks", MANAGER))).containsExactly("theirs");
        mvc.perform(get("/api/tasks/" + mine).with(as(MANAGER))).andExpect(status().isNotFound());
    }

    @Test
    void badFiltersAreListedAsProblems() throws Exception {
        mvc.perform(get("/api/tasks?status=done&limit=0").with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path").value(org.hamcrest.Matchers.contains("status", "limit")));
    }
}
