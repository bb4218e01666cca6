package dev.imagegen.api.task;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who sees what, on every path that lists or shows tasks, subtasks, logs, images and progress: a
 * private task is its owner's and staff's, a shared one everyone's who is signed in; a guest sees
 * shared work only. A task the caller may not see answers 404, as a missing one does.
 */
@ApiTest
@TestPropertySource(properties = "imagegen.api.images.directory=target/visibility-images")
class TaskVisibilityTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7};

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    UUID privateTask;
    UUID sharedTask;

    @BeforeEach
    void user1HasAPrivateAndASharedFinishedTaskWithAnImage() throws Exception {
        jdbc.sql("DELETE FROM tasks").update();
        privateTask = Submit.task(mvc, USER, Bodies.single("private work"));
        sharedTask = Submit.task(mvc, USER, Bodies.single("shared work"));
        share(sharedTask, "shared");
        for (UUID task : List.of(privateTask, sharedTask)) {
            jdbc.sql("UPDATE subtasks SET status = 'completed', completed_at = now() WHERE task_id = ?")
                    .param(task)
                    .update();
            Path folder = Files.createDirectories(Path.of("target/visibility-images", task.toString()));
            Files.write(folder.resolve("s1-0.png"), PNG);
        }
    }

    @Test
    void guestsSeeOnlySharedWork() throws Exception {
        assertThat(listed(GUEST)).containsExactly("shared work");
        assertThat(listed(GUEST, "?q=work")).containsExactly("shared work");
        assertThat(listed(GUEST, "?user=" + USER)).containsExactly("shared work");
        assertEveryPath(sharedTask, GUEST, 200);
        assertEveryPath(privateTask, GUEST, 404);

        share(sharedTask, "private");
        assertThat(listed(GUEST)).isEmpty();
        assertEveryPath(sharedTask, GUEST, 404);
    }

    @Test
    void aGuestSeesNotEvenTheirOwnPrivateTask() throws Exception {
        UUID owned = UUID.randomUUID();
        jdbc.sql("INSERT INTO tasks (id, name, user_id) VALUES (?, 'left by a former user', ?)")
                .params(owned, accounts.id(GUEST))
                .update();
        assertThat(listed(GUEST)).containsExactly("shared work");
        assertThat(status("/api/tasks/" + owned, GUEST)).isEqualTo(404);
    }

    @Test
    void aUserSeesTheirOwnTasksAndOthersSharedOnesButNotOthersPrivateOnes() throws Exception {
        assertThat(listed(OTHER_USER)).containsExactly("shared work");
        assertThat(listed(OTHER_USER, "?user=" + USER)).containsExactly("shared work");
        assertEveryPath(sharedTask, OTHER_USER, 200);
        assertEveryPath(privateTask, OTHER_USER, 404);

        assertThat(listed(USER)).containsExactly("shared work", "private work");
        assertEveryPath(privateTask, USER, 200);
    }

    @Test
    void staffSeeEveryTask() throws Exception {
        for (String staff : List.of(MANAGER, ADMIN)) {
            assertThat(listed(staff)).as(staff).containsExactly("shared work", "private work");
            assertEveryPath(privateTask, staff, 200);
        }
    }

    @Test
    void deletedTasksAreSeenByNobody() throws Exception {
        jdbc.sql("UPDATE tasks SET is_deleted = true WHERE id = ?")
                .param(sharedTask)
                .update();
        for (String viewer : List.of(GUEST, OTHER_USER, USER, ADMIN)) {
            assertThat(listed(viewer)).as(viewer).doesNotContain("shared work");
            assertThat(status("/api/tasks/" + sharedTask, viewer)).as(viewer).isEqualTo(404);
        }
    }

    /** Every read path of one task answers {@code expected} to the viewer. */
    private void assertEveryPath(UUID task, String viewer, int expected) throws Exception {
        UUID subtask = jdbc.sql("SELECT id FROM subtasks WHERE task_id = ?")
                .param(task)
                .query(UUID.class)
                .single();
        for (String path : List.of(
                "/api/tasks/" + task,
                "/api/tasks/" + task + "/subtasks",
                "/api/tasks/" + task + "/subtasks/" + subtask,
                "/api/tasks/" + task + "/logs",
                "/api/tasks/" + task + "/events",
                "/images/" + task + "/s1-0.png")) {
            assertThat(status(path, viewer)).as("%s as %s", path, viewer).isEqualTo(expected);
        }
    }

    private int status(String path, String viewer) throws Exception {
        return mvc.perform(get(path).with(as(viewer))).andReturn().getResponse().getStatus();
    }

    private List<String> listed(String viewer) throws Exception {
        return listed(viewer, "");
    }

    private List<String> listed(String viewer, String query) throws Exception {
        var answer = mvc.perform(get(java.net.URI.create("/api/tasks" + query)).with(as(viewer)))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus())
                .as("GET /api/tasks%s as %s", query, viewer)
                .isEqualTo(200);
        List<String> names = new ArrayList<>();
        MAPPER.readTree(answer.getContentAsString())
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private void share(UUID task, String visibility) throws Exception {
        int status = mvc.perform(patch("/api/tasks/" + task)
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visibility\": \"" + visibility + "\"}"))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).isEqualTo(200);
    }
}
