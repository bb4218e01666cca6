package dev.imagegen.api.progress;

import static dev.imagegen.api.progress.SubtaskEventsTest.changes;
import static dev.imagegen.api.progress.SubtaskEventsTest.text;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Accounts;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * A stream that names the subtasks a page shows ({@code subtask=<id>}): it gets their current state once, then the
 * changes of those subtasks only, while a stream without the parameter still gets every change; bad ids and too many
 * of them are refused with the field named.
 */
@dev.imagegen.api.support.ApiTest
class ShownSubtaskEventsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    /** A running task of {@code n} completed subtasks (so they can be rated) and one pending; the completed ids. */
    List<UUID> completedSubtasks(UUID task, int n) {
        jdbc.sql("INSERT INTO tasks (id, name, user_id) VALUES (:id, 'pictures', :user)")
                .param("id", task)
                .param("user", accounts.id(USER))
                .update();
        jdbc.sql("INSERT INTO subtasks (task_id, status) SELECT :id, 'completed' FROM generate_series(1, :n)")
                .param("id", task)
                .param("n", n)
                .update();
        // One more still pending: a finished task's streams end at once.
        jdbc.sql("INSERT INTO subtasks (task_id) VALUES (:id)")
                .param("id", task)
                .update();
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = :id AND status = 'completed' ORDER BY id")
                .param("id", task)
                .query(UUID.class)
                .list();
    }

    MvcResult open(UUID task, String query) throws Exception {
        MvcResult stream = mvc.perform(
                        get("/api/tasks/" + task + "/events" + query).with(as(USER)))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10)).until(() -> text(stream).contains("event:progress"));
        return stream;
    }

    void rate(UUID task, UUID subtask, String rating) throws Exception {
        mvc.perform(put("/api/tasks/" + task + "/subtasks/" + subtask + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"" + rating + "\"}"))
                .andExpect(status().is2xxSuccessful());
    }

    static List<String> ids(MvcResult stream) throws Exception {
        return changes(stream).stream().map(c -> c.get("id").asString()).toList();
    }

    static JsonNode last(MvcResult stream, UUID subtask) throws Exception {
        return changes(stream).stream()
                .filter(c -> c.get("id").asString().equals(subtask.toString()))
                .reduce((a, b) -> b)
                .orElse(null);
    }

    static String rating(JsonNode change) {
        return change == null ? null : change.get("rating").asString();
    }

    @Test
    void aStreamNamingItsSubtasksGetsTheirStateThenOnlyTheirChanges() throws Exception {
        UUID task = UUID.randomUUID();
        List<UUID> s = completedSubtasks(task, 4);
        rate(task, s.get(0), "poor"); // before any stream: only the named streams' first event carries it

        MvcResult every = open(task, "");
        MvcResult shown = open(task, "?subtask=" + s.get(0) + "&subtask=" + s.get(1));
        MvcResult none = open(task, "?subtask=");

        // The current state of the named subtasks, once, without any change.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ids(shown))
                        .containsExactlyInAnyOrder(s.get(0).toString(), s.get(1).toString()));
        assertThat(last(shown, s.get(0)).get("rating").asString()).isEqualTo("poor");

        // s2 is not shown, then s1 is: once s1's change arrives, s2's (made before it) has been sent or skipped.
        rate(task, s.get(2), "good");
        rate(task, s.get(1), "good");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(rating(last(shown, s.get(1)))).isEqualTo("good"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ids(every))
                        .contains(s.get(1).toString(), s.get(2).toString()));
        assertThat(ids(shown)).doesNotContain(s.get(2).toString(), s.get(3).toString());
        // Without the parameter: every change as before, and no first state of anything.
        assertThat(ids(every)).doesNotContain(s.get(0).toString());
        // Given empty: progress only.
        assertThat(changes(none)).isEmpty();
        assertThat(text(none)).contains("event:progress");
    }

    @Test
    void commaSeparatedIdsNameSubtasksToo() throws Exception {
        UUID task = UUID.randomUUID();
        List<UUID> s = completedSubtasks(task, 3);
        MvcResult shown = open(task, "?subtask=" + s.get(1) + "," + s.get(2));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ids(shown))
                        .containsExactlyInAnyOrder(s.get(1).toString(), s.get(2).toString()));
    }

    @Test
    void aMalformedIdIsRefusedWithTheFieldNamed() throws Exception {
        UUID task = UUID.randomUUID();
        List<UUID> s = completedSubtasks(task, 1);
        mvc.perform(get("/api/tasks/" + task + "/events")
                        .param("subtask", s.getFirst().toString(), "not-an-id")
                        .with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].path").value("subtask"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a subtask id; got 'not-an-id'"));
    }

    @Test
    void moreIdsThanTheBoundAreRefused() throws Exception {
        UUID task = UUID.randomUUID();
        completedSubtasks(task, 1);
        String[] many = IntStream.range(0, ShownSubtasks.MAX + 1)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toArray(String[]::new);
        mvc.perform(get("/api/tasks/" + task + "/events").param("subtask", many).with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].path").value("subtask"))
                .andExpect(
                        jsonPath("$.errors[0].message").value("must name at most " + ShownSubtasks.MAX + " subtasks"));
        // The bound itself is accepted.
        mvc.perform(get("/api/tasks/" + task + "/events")
                        .param("subtask", java.util.Arrays.copyOf(many, ShownSubtasks.MAX))
                        .with(as(USER)))
                .andExpect(request().asyncStarted());
    }
}
