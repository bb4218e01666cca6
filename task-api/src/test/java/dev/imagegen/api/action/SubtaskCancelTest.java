package dev.imagegen.api.action;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cancel of one subtask: what each state allows, the task's counters after each, and who may act. */
@ApiTest
class SubtaskCancelTest extends SubtaskActionFixture {
    @Test
    void aPendingSubtaskIsCancelledWithItsAttempt() throws Exception {
        UUID one = subtask(0, 0);
        act("cancel", one, USER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subtask_id").value(one.toString()))
                .andExpect(jsonPath("$.status").value("cancelled"))
                .andExpect(jsonPath("$.was").value("pending"))
                .andExpect(jsonPath("$.cancelled_attempts").value(1));

        assertThat(subtaskStatus(one)).isEqualTo("cancelled");
        assertThat(attempts(one)).containsOnly(Map.entry("1:cancelled", 1L));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");
        assertThat(logMessages()).containsExactly("created", "subtask cancelled");
    }

    @Test
    void aGeneratingSubtaskIsCancelledAndItsWorkersResultDiscarded() throws Exception {
        UUID one = subtask(1, 1);
        long attempt = workerClaims(one);
        assertThat(counters()).isEqualTo("8/1/0/0/0 processing");

        act("cancel", one, MANAGER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.was").value("processing"))
                .andExpect(jsonPath("$.cancelled_attempts").value(0));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");

        assertThat(jdbc.sql("SELECT complete_queue_task(:id, 'w1', 1, '{\"url\": \"/images/x.png\"}'::jsonb)")
                        .param("id", attempt)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled");
        assertThat(subtaskStatus(one)).isEqualTo("cancelled");
        assertThat(attempts(one)).containsOnly(Map.entry("1:cancelled", 1L));
        assertThat(counters()).isEqualTo("8/0/0/0/1 pending");
    }

    @Test
    void aFinishedSubtaskCannotBeCancelled() throws Exception {
        UUID done = subtask(0, 1);
        workerCompletes(done);
        UUID failed = subtask(0, 2);
        workerFails(failed);
        String before = counters();

        act("cancel", done, USER)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("this one is completed")));
        act("cancel", failed, USER).andExpect(status().isConflict());
        act("cancel", subtask(0, 0), USER).andExpect(status().isOk());
        act("cancel", subtask(0, 0), USER).andExpect(status().isConflict());

        assertThat(before).isEqualTo("7/0/1/1/0 processing");
        assertThat(counters()).isEqualTo("6/0/1/1/1 processing");
    }

    @Test
    void unknownSubtasksAnswer404AndOthersCannotAct() throws Exception {
        UUID one = subtask(0, 0);
        act("cancel", UUID.randomUUID(), USER).andExpect(status().isNotFound());
        act("retry", UUID.randomUUID(), USER).andExpect(status().isNotFound());
        // Another user's task is not theirs to see: the same 404 as an unknown one.
        act("cancel", one, OTHER_USER).andExpect(status().isNotFound());
        // A guest may act on nothing.
        act("cancel", one, GUEST)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        act("retry", one, GUEST).andExpect(status().isForbidden());
        assertThat(subtaskStatus(one)).isEqualTo("pending");
        assertThat(counters()).isEqualTo("9/0/0/0/0 pending");
    }
}
