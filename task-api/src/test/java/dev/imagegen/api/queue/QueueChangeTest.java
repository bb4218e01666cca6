package dev.imagegen.api.queue;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** A queue's limit, activity and retry policy change through PATCH /api/queues/{id}, within their ranges. */
@ApiTest
class QueueChangeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ResultActions change(String body) throws Exception {
        return mvc.perform(patch("/api/queues/2")
                .with(as(MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    String stored() {
        return jdbc.sql("""
                        SELECT concat_ws(' ', max_concurrent_tasks, is_active, max_attempts, retry_backoff,
                                         retry_backoff_max)
                          FROM task_queues WHERE id = 2
                        """).query(String.class).single();
    }

    @Test
    void aManagerChangesTheRetryPolicyAndEveryoneSeesIt() throws Exception {
        change("{\"max_attempts\": 5, \"retry_backoff\": \"PT10S\", \"retry_backoff_max\": \"PT10M\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.max_attempts").value(5))
                .andExpect(jsonPath("$.retry_backoff").value("PT10S"))
                .andExpect(jsonPath("$.retry_backoff_max").value("PT10M"))
                .andExpect(jsonPath("$.max_concurrent_tasks").value(5));
        assertThat(stored()).isEqualTo("5 t 5 00:00:10 00:10:00");

        mvc.perform(get("/api/queues").with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == 2)].retry_backoff").value("PT10S"))
                .andExpect(jsonPath("$[?(@.id == 2)].max_attempts").value(5))
                .andExpect(jsonPath("$[?(@.id == 1)].max_attempts").value(3))
                .andExpect(jsonPath("$[?(@.id == 1)].retry_backoff").value("PT2S"))
                .andExpect(jsonPath("$[?(@.id == 1)].retry_backoff_max").value("PT5M"));

        // Only what is given changes.
        change("{\"retry_backoff\": \"PT0.5S\"}").andExpect(status().isOk());
        assertThat(stored()).isEqualTo("5 t 5 00:00:00.5 00:10:00");
    }

    @Test
    void outOfRangeValuesAreRefusedEachAtItsPathAndNothingChanges() throws Exception {
        String before = stored();
        change("{\"max_concurrent_tasks\": -1, \"max_attempts\": 0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder("$.max_concurrent_tasks", "$.max_attempts")))
                .andExpect(jsonPath("$.errors[?(@.path == '$.max_attempts')].message")
                        .value("must be an integer from 1 to 100"));
        change("{\"max_attempts\": 101}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.max_attempts"));
        change("{\"retry_backoff\": \"-PT1S\", \"retry_backoff_max\": \"PT25H\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder("$.retry_backoff", "$.retry_backoff_max")))
                .andExpect(jsonPath("$.errors[0].message").value("must be a duration from PT0S to PT24H"));
        change("{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void theFirstBackOffNeverExceedsTheLongestOneKeptOrGiven() throws Exception {
        String before = stored(); // 2 s, at most 5 min
        change("{\"retry_backoff\": \"PT6M\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.retry_backoff"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most retry_backoff_max (PT5M)"));
        change("{\"retry_backoff_max\": \"PT1S\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.retry_backoff_max"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at least retry_backoff (PT2S)"));
        change("{\"max_concurrent_tasks\": 4, \"retry_backoff\": \"PT1M\", \"retry_backoff_max\": \"PT30S\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.retry_backoff"));
        assertThat(stored()).isEqualTo(before);

        change("{\"retry_backoff\": \"PT6M\", \"retry_backoff_max\": \"PT6M\"}").andExpect(status().isOk());
    }

    @Test
    void aRetryPolicyChangeIsLoggedWithWhoMadeItOldAndNew() throws Exception {
        mvc.perform(patch("/api/queues/3")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_attempts\": 4, \"retry_backoff_max\": \"PT1M\"}"))
                .andExpect(status().isOk());
        String details = jdbc.sql("""
                        SELECT details::text FROM system_logs
                         WHERE message = 'queue high_priority_tasks: max_attempts 3 → 4, retry_backoff_max 00:05:00 → 00:01:00'
                        """).query(String.class).single();
        assertThat(details).contains("\"changed_by\": \"admin\"", "\"max_attempts\": {\"new\": 4, \"old\": 3}");
    }
}
