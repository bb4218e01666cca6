package dev.imagegen.api.image;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@ApiTest
@TestPropertySource(properties = "imagegen.api.images.directory=target/test-images")
class ImagesAndProgressTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    UUID taskOf(String username, int subtasks) {
        UUID task = accounts.taskOf(username, "pictures");
        jdbc.sql("INSERT INTO subtasks (task_id) SELECT :id FROM generate_series(1, :n)")
                .param("id", task)
                .param("n", subtasks)
                .update();
        return task;
    }

    @Test
    void theOwnerAndStaffSeeATasksImagesAndNobodyElse() throws Exception {
        UUID task = taskOf(USER, 1);
        Path folder = Files.createDirectories(Path.of("target/test-images", task.toString()));
        Files.write(folder.resolve("s1-0.png"), PNG);
        String url = "/images/" + task + "/s1-0.png";

        mvc.perform(get(url).with(as(USER)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(content().bytes(PNG))
                .andExpect(header().string("Cache-Control", "max-age=604800, private"));
        mvc.perform(get(url).with(as(MANAGER))).andExpect(status().isOk());
        mvc.perform(get(url).with(as(OTHER_USER))).andExpect(status().isNotFound());
        mvc.perform(get(url)).andExpect(status().isUnauthorized());
    }

    @Test
    void namesOutsideTheTasksFolderAreNotFound() throws Exception {
        UUID task = taskOf(USER, 1);
        Files.createDirectories(Path.of("target/test-images", task.toString()));
        Files.writeString(Path.of("target/test-images", "secret.png"), "not yours");

        for (String name : new String[] {"..%2Fsecret.png", "missing.png", "s1.txt", ".hidden.png"}) {
            int status = mvc.perform(get("/images/" + task + "/" + name).with(as(USER)))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as(name).isIn(400, 404);
        }
    }

    @Test
    void progressStreamsEachChangeAndEndsWhenTheTaskFinishes() throws Exception {
        UUID task = taskOf(USER, 2);
        MvcResult stream = mvc.perform(get("/api/tasks/" + task + "/events").with(as(USER)))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stream.getResponse().getContentAsString().contains("\"status\":\"pending\""));

        jdbc.sql("UPDATE subtasks SET status = 'completed' WHERE task_id = :id")
                .param("id", task)
                .update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String events = stream.getResponse().getContentAsString();
            assertThat(events)
                    .contains("event:progress")
                    .contains("\"progress\":100")
                    .contains("\"completed\"");
        });
        mvc.perform(get("/api/tasks/" + task + "/events").with(as(OTHER_USER))).andExpect(status().isNotFound());
    }
}
