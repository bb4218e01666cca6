package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.ObjectMapper;

@ApiTest
class IdempotentSubmissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    MockHttpServletResponse submit(String user, String key, String name) throws Exception {
        return mvc.perform(post("/api/tasks")
                        .with(as(user))
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.twoByThree(name)))
                .andReturn()
                .getResponse();
    }

    String idOf(MockHttpServletResponse response) throws Exception {
        return mapper.readTree(response.getContentAsString()).get("id").asString();
    }

    @Test
    void theSameKeyFromTheSameUserReturnsTheFirstTask() throws Exception {
        MockHttpServletResponse first = submit(USER, "key-1", "first");
        MockHttpServletResponse again = submit(USER, "key-1", "second");

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(idOf(again)).isEqualTo(idOf(first));
        assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location"));
        assertThat(jdbc.sql("SELECT count(*) FROM tasks WHERE idempotency_key = 'key-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM subtasks s JOIN tasks t ON t.id = s.task_id "
                                + "WHERE t.idempotency_key = 'key-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(9);
    }

    @Test
    void theSameKeyFromAnotherUserCreatesAnotherTask() throws Exception {
        MockHttpServletResponse mine = submit(USER, "shared-key", "mine");
        MockHttpServletResponse theirs = submit(OTHER_USER, "shared-key", "theirs");

        assertThat(theirs.getStatus()).isEqualTo(201);
        assertThat(idOf(theirs)).isNotEqualTo(idOf(mine));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneTask() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<MockHttpServletResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> submit(USER, "race", "race"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<MockHttpServletResponse> answer : pool.invokeAll(calls)) {
                assertThat(answer.get().getStatus()).isIn(200, 201);
                ids.add(idOf(answer.get()));
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM tasks WHERE idempotency_key = 'race'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT (SELECT count(*) FROM queue_tasks q JOIN tasks t ON t.id = q.task_id
                                 WHERE t.idempotency_key = 'race')
                             + (SELECT sum(b.total - b.next_seq) FROM queue_backlog b JOIN tasks t ON t.id = b.task_id
                                 WHERE t.idempotency_key = 'race')
                        """).query(Long.class).single())
                .as("admitted or waiting in the backlog, each subtask once")
                .isEqualTo(9);
    }
}
