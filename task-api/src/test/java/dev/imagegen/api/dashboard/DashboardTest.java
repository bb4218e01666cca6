package dev.imagegen.api.dashboard;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import dev.imagegen.api.support.WorkerSteps;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/dashboard answers the housekeeping's daily results per queue and each queue's load now. */
@ApiTest
class DashboardTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void todaysFinishedAttemptsRatingsAndLoadAreAnsweredPerQueue() throws Exception {
        UUID task = Submit.task(mvc, USER, Bodies.twoByThree("dashboard figures"));
        List<UUID> subtasks = jdbc.sql("SELECT id FROM subtasks WHERE task_id = :task ORDER BY id")
                .param("task", task)
                .query(UUID.class)
                .list();
        String queue = jdbc.sql("SELECT DISTINCT q.name FROM queue_tasks qt JOIN task_queues q ON q.id = qt.queue_id"
                        + " WHERE qt.task_id = :task")
                .param("task", task)
                .query(String.class)
                .single();
        // Of nine: three completed in 2 s each, one failed for good, five still waiting; one rated good, one poor.
        for (int i = 0; i < 3; i++) {
            long attempt = claim(task, subtasks.get(i));
            jdbc.sql("SELECT complete_queue_task(:id, 'w1', 1, '{}'::jsonb)")
                    .param("id", attempt)
                    .query(String.class)
                    .single();
        }
        long failing = claim(task, subtasks.get(3));
        jdbc.sql("SELECT fail_queue_task(:id, 'w1', 1, 'backend said no', false)")
                .param("id", failing)
                .query(String.class)
                .single();
        jdbc.sql("UPDATE queue_tasks SET started_at = completed_at - interval '2 seconds'"
                        + " WHERE task_id = :task AND status = 'completed'")
                .param("task", task)
                .update();
        rate(task, subtasks.get(0), "good");
        rate(task, subtasks.get(1), "poor");
        jdbc.sql("REFRESH MATERIALIZED VIEW dashboard_daily_stats").update();
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        mvc.perform(get("/api/dashboard?days=7").with(as(GUEST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.to").value(today))
                .andExpect(jsonPath("$.from")
                        .value(LocalDate.parse(today).minusDays(6).toString()))
                .andExpect(jsonPath("$.daily", hasSize(1)))
                .andExpect(jsonPath("$.daily[0].day").value(today))
                .andExpect(jsonPath("$.daily[0].queue").value(queue))
                .andExpect(jsonPath("$.daily[0].completed").value(3))
                .andExpect(jsonPath("$.daily[0].failed").value(1))
                .andExpect(jsonPath("$.daily[0].good").value(1))
                .andExpect(jsonPath("$.daily[0].poor").value(1))
                .andExpect(jsonPath("$.daily[0].avg_generation_seconds").value(closeTo(2.0, 0.001)))
                .andExpect(jsonPath("$.queues[?(@.queue == '" + queue + "')].pending")
                        .value(contains(5)))
                .andExpect(jsonPath("$.queues[?(@.queue == '" + queue + "')].in_flight")
                        .value(contains(0)));

        long running = claim(task, subtasks.get(4));
        mvc.perform(get("/api/dashboard").with(as(GUEST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.queues[?(@.queue == '" + queue + "')].pending")
                        .value(contains(4)))
                .andExpect(jsonPath("$.queues[?(@.queue == '" + queue + "')].in_flight")
                        .value(contains(1)));
        jdbc.sql("SELECT complete_queue_task(:id, 'w1', 1, '{}'::jsonb)")
                .param("id", running)
                .query(String.class)
                .single();
    }

    @Test
    void aRangeOutsideOneToThreeHundredSixtySixDaysIsRefusedNamingTheParameter() throws Exception {
        mvc.perform(get("/api/dashboard?days=0").with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].path").value("days"));
        mvc.perform(get("/api/dashboard?days=367").with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("days"));
    }

    @Test
    void theChartLibraryIsServedFromItsWebjarWithoutSigningIn() throws Exception {
        mvc.perform(get("/js/vendor/uplot/uPlot.esm.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(startsWith("/**")));
        mvc.perform(get("/api/dashboard")).andExpect(status().isUnauthorized());
    }

    private long claim(UUID task, UUID subtask) {
        return WorkerSteps.claim(jdbc, task, subtask);
    }

    private void rate(UUID task, UUID subtask, String rating) {
        jdbc.sql("UPDATE subtasks SET rating = CAST(:rating AS quality_rating) WHERE task_id = :task AND id = :id")
                .param("rating", rating)
                .param("task", task)
                .param("id", subtask)
                .update();
    }
}
