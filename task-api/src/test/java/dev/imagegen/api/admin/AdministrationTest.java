package dev.imagegen.api.admin;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class AdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Test
    void queuesShowTheirLoadAndAManagerChangesALimit() throws Exception {
        Submit.task(mvc, USER, Bodies.twoByThree("load"));
        mvc.perform(get("/api/queues").with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("standard_tasks"))
                // Admitted attempts wait for a slot; the rest of the task waits in the backlog (V160).
                .andExpect(jsonPath("$[0].pending_tasks").value(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
        mvc.perform(patch("/api/queues/3")
                        .with(as(MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_concurrent_tasks\": 7, \"is_active\": false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.max_concurrent_tasks").value(7))
                .andExpect(jsonPath("$.is_active").value(false));
        mvc.perform(patch("/api/queues/3")
                        .with(as(MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_concurrent_tasks\": -1, \"max_attempts\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder("$.max_concurrent_tasks", "$.max_attempts")));
        // A value of the wrong type stops the reading of the body: it is named alone.
        mvc.perform(patch("/api/queues/3")
                        .with(as(MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"max_concurrent_tasks\": -1, \"is_active\": \"no\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path").value(containsInAnyOrder("$.is_active")));
        mvc.perform(patch("/api/queues/99")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"is_active\": true}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anAdminCreatesAUserWhoSignsInUntilDeactivated() throws Exception {
        String created = mvc.perform(post("/api/users")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"painter\", \"password\": \"brush-and-ink\", \"role\": \"user\","
                                + " \"display_name\": \"画家\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("user"))
                .andExpect(jsonPath("$.hashed_password").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(jdbc.sql("SELECT hashed_password FROM users WHERE username = 'painter'")
                        .query(String.class)
                        .single())
                .startsWith("$2a$");
        mvc.perform(get("/api/me")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .httpBasic("painter", "brush-and-ink")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("user"));

        int id = accounts.id("painter");
        mvc.perform(patch("/api/users/" + id)
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"is_active\": false, \"role\": \"guest\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.is_active").value(false));
        mvc.perform(get("/api/me")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .httpBasic("painter", "brush-and-ink")))
                .andExpect(status().isUnauthorized());
        assertThat(created).contains("painter");
    }

    @Test
    void badOrDuplicateUsersAreRefused() throws Exception {
        mvc.perform(post("/api/users")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"has space\", \"password\": \"short\", \"role\": \"owner\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[*].path").value(containsInAnyOrder("$.username", "$.password", "$.role")));
        mvc.perform(post("/api/users")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"user1\", \"password\": \"long-enough\", \"role\": \"user\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void theLastActiveAdminCannotBeDeactivated() throws Exception {
        mvc.perform(patch("/api/users/" + accounts.id(ADMIN))
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"is_active\": false}"))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT is_active FROM users WHERE username = 'admin'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void theSystemLogShowsTheServiceStart() throws Exception {
        mvc.perform(get("/api/system-logs?component=task_api").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].message", hasItem("service started")));
    }

    @Test
    void theConsistencyCheckFindsDriftAndTheFixRepairsIt() throws Exception {
        UUID task = Submit.task(mvc, USER, Bodies.single("drifted"));
        jdbc.sql("ALTER TABLE tasks DISABLE TRIGGER USER").update();
        try {
            jdbc.sql("UPDATE tasks SET total_images = 5 WHERE id = :id")
                    .param("id", task)
                    .update();
        } finally {
            jdbc.sql("ALTER TABLE tasks ENABLE TRIGGER USER").update();
        }
        mvc.perform(post("/api/admin/consistency").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fixed").value(false))
                .andExpect(jsonPath("$.tasks[0].task_id").value(task.toString()))
                .andExpect(jsonPath("$.tasks[0].expected_total_images").value(1));
        mvc.perform(post("/api/admin/consistency?fix=true").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tasks.length()").value(1));
        mvc.perform(post("/api/admin/consistency").with(as(ADMIN)))
                .andExpect(jsonPath("$.tasks.length()").value(0))
                .andExpect(jsonPath("$.queues.length()").value(0));
    }
}
