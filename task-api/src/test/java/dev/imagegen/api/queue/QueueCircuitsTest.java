package dev.imagegen.api.queue;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.hamcrest.Matchers.hasSize;
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

/** GET /api/queues lists, per queue, the endpoints whose circuit a live worker holds open for it. */
@ApiTest
class QueueCircuitsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    void circuit(String worker, String endpoint, String state, String queues, String expiresIn) {
        jdbc.sql("""
                INSERT INTO endpoint_circuits (worker_id, endpoint, backend_type, state, since, last_error, queues,
                                               expires_at)
                VALUES (?, ?, 'openai', ?, TIMESTAMPTZ '2026-03-01 10:00:00+00', 'OpenAI answered HTTP 503',
                        CAST(? AS text[]), now() + CAST(? AS interval))
                """).params(worker, endpoint, state, queues, expiresIn).update();
    }

    @Test
    void eachQueueShowsTheOpenCircuitsOfLiveWorkersThatServeIt() throws Exception {
        circuit("worker-a", "default", "open", "{standard_tasks,lumina_tasks}", "1 minute");
        circuit("worker-b", "ops", "open", "{standard_tasks}", "1 minute");
        circuit("worker-c", "default", "closed", "{standard_tasks}", "1 minute");
        circuit("worker-dead", "dev", "open", "{standard_tasks}", "-5 seconds");

        mvc.perform(get("/api/queues").with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'standard_tasks')].open_circuits[*].worker_id")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("worker-a", "worker-b")))
                .andExpect(jsonPath("$[?(@.name == 'lumina_tasks')].open_circuits[*]", hasSize(1)))
                .andExpect(jsonPath("$[?(@.name == 'lumina_tasks')].open_circuits[0].endpoint")
                        .value("default"))
                .andExpect(jsonPath("$[?(@.name == 'lumina_tasks')].open_circuits[0].backend_type")
                        .value("openai"))
                .andExpect(jsonPath("$[?(@.name == 'lumina_tasks')].open_circuits[0].last_error")
                        .value("OpenAI answered HTTP 503"))
                .andExpect(jsonPath("$[?(@.name == 'lumina_tasks')].open_circuits[0].since")
                        .value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$[?(@.name == 'high_priority_tasks')].open_circuits[*]", hasSize(0)))
                .andExpect(jsonPath("$[?(@.name == 'high_priority_tasks')].is_active")
                        .value(true));

        int lumina = jdbc.sql("SELECT id FROM task_queues WHERE name = 'lumina_tasks'")
                .query(Integer.class)
                .single();
        mvc.perform(patch("/api/queues/" + lumina)
                        .with(as(MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_concurrent_tasks\": 6}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.max_concurrent_tasks").value(6))
                .andExpect(jsonPath("$.open_circuits[0].worker_id").value("worker-a"));
    }
}
