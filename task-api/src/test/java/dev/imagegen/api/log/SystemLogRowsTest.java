package dev.imagegen.api.log;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
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

/** The rows task-api leaves in system_logs for operators, and the filters that find them. */
@ApiTest
class SystemLogRowsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aQueueLimitChangeIsLoggedWithWhoMadeItAndOldAndNew() throws Exception {
        mvc.perform(patch("/api/queues/2")
                        .with(as(MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_concurrent_tasks\": 8}"))
                .andExpect(status().isOk());

        assertThat(jdbc.sql("""
                        SELECT concat_ws(' ', log_level, component, message, details->>'changed_by')
                          FROM system_logs WHERE details->>'queue' = 'lumina_tasks'
                        """).query(String.class).list())
                .containsExactly("INFO task_api queue lumina_tasks: max_concurrent_tasks 5 → 8 manager");
    }

    @Test
    void aRequestAnsweredWithA500IsLoggedAsAnErrorOfTheService() throws Exception {
        jdbc.sql("""
                CREATE FUNCTION refuse_for_the_test() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$
                """).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_for_the_test BEFORE UPDATE ON task_queues
                FOR EACH ROW EXECUTE FUNCTION refuse_for_the_test()
                """).update();
        try {
            mvc.perform(patch("/api/queues/3")
                            .with(as(MANAGER))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"is_active\": false}"))
                    .andExpect(status().isInternalServerError());
        } finally {
            jdbc.sql("DROP TRIGGER refuse_for_the_test ON task_queues").update();
        }

        await().untilAsserted(() -> mvc.perform(get("/api/system-logs")
                        .param("component", "task_api")
                        .param("level", "ERROR")
                        .with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].message", hasItem("request failed: PATCH /api/queues/{id} → 500")))
                .andExpect(jsonPath("$.items[*].details.status", everyItem(is(500))))
                .andExpect(jsonPath("$.items[*].component", everyItem(is("task_api")))));
    }
}
