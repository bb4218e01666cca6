package dev.imagegen.api.download;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A task's images as a zip, read back: every completed image once, in expansion order, and a manifest row for each
 * that names its subtask, variables, prompt, seed, ratio, rating, evaluation and file.
 */
@ApiTest
@TestPropertySource(properties = "imagegen.api.images.directory=target/download-images")
class ImageDownloadTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    FinishedImages finished;
    UUID task;
    List<UUID> subtasks;

    @BeforeEach
    void threeSubtasksOfNineAreFinishedWithTwoImagesEach() throws Exception {
        finished = new FinishedImages(jdbc, Path.of("target/download-images"));
        task = Submit.task(mvc, USER, Bodies.twoByThree("湖 & lake"));
        subtasks = finished.subtasks(task);
        // (0, 0), (1, 1) and (2, 2): oil/Fox, water/Crane, ink/Turtle.
        for (int i : new int[] {0, 4, 8}) {
            finished.complete(task, subtasks.get(i), 2, true);
        }
        jdbc.sql("UPDATE subtasks SET rating = 'good', evaluation = :words WHERE task_id = :task AND id = :id")
                .param("words", "构图合理, \"细节\" 丰富")
                .param("task", task)
                .param("id", subtasks.get(4))
                .update();
    }

    ZipRead download(String username) throws Exception {
        return ZipRead.of(mvc.perform(get("/api/tasks/" + task + "/images.zip").with(as(username)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/zip"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
    }

    @Test
    void everyCompletedImageIsInTheZipWithItsManifestRow() throws Exception {
        ZipRead zip = download(USER);

        List<String> expected = new ArrayList<>();
        for (int i : new int[] {0, 4, 8}) {
            for (int n = 0; n < 2; n++) {
                expected.add("images/" + FinishedImages.fileName(subtasks.get(i), n));
            }
        }
        expected.add("manifest.csv");
        assertThat(zip.entries().keySet()).containsExactlyElementsOf(expected);
        assertThat(zip.entries().get(expected.get(3))).isEqualTo(FinishedImages.png(subtasks.get(4), 1));
        assertThat(zip.manifestText()).startsWith("\uFEFFsubtask_id,image,v0 prompt,v1 character,prompt,seed,");

        List<CSVRecord> rows = zip.manifest();
        assertThat(rows).hasSize(6);
        CSVRecord rated = rows.get(3);
        assertThat(rated.get("subtask_id")).isEqualTo(subtasks.get(4).toString());
        assertThat(rated.get("image")).isEqualTo("1");
        assertThat(rated.get("v0 prompt")).isEqualTo("water");
        assertThat(rated.get("v1 character")).isEqualTo("Crane");
        assertThat(rated.get("prompt")).isEqualTo("prompt of " + subtasks.get(4));
        assertThat(rated.get("seed")).isEqualTo("1001");
        assertThat(rated.get("ratio")).isEqualTo("16:9");
        assertThat(rated.get("rating")).isEqualTo("good");
        assertThat(rated.get("evaluation")).isEqualTo("构图合理, \"细节\" 丰富");
        assertThat(rated.get("file")).isEqualTo(expected.get(3));
        assertThat(rows.get(0).get("v0 prompt") + "/" + rows.get(0).get("v1 character"))
                .isEqualTo("oil/Fox");
        assertThat(rows.get(5).get("rating")).isEqualTo("unrated");
        for (CSVRecord row : rows) {
            assertThat(zip.entries()).containsKey(row.get("file"));
        }
    }

    @Test
    void anImageWhoseFileIsMissingHasARowWithoutAFile() throws Exception {
        finished.complete(task, subtasks.get(2), 1, false);
        ZipRead zip = download(MANAGER);
        assertThat(zip.entries()).hasSize(7);
        List<CSVRecord> rows = zip.manifest();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(2).get("subtask_id")).isEqualTo(subtasks.get(2).toString());
        assertThat(rows.get(2).get("file")).isEmpty();
    }

    @Test
    void theSelectedImagesComeAsAZipToo() throws Exception {
        String body = "{\"subtask_ids\": [\"%s\", \"%s\", \"%s\"]}"
                .formatted(subtasks.get(8), subtasks.get(0), subtasks.get(8));
        ZipRead zip = ZipRead.of(mvc.perform(post("/api/tasks/" + task + "/images.zip")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/zip"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
        assertThat(zip.entries().keySet())
                .containsExactly(
                        "images/" + FinishedImages.fileName(subtasks.get(0), 0),
                        "images/" + FinishedImages.fileName(subtasks.get(0), 1),
                        "images/" + FinishedImages.fileName(subtasks.get(8), 0),
                        "images/" + FinishedImages.fileName(subtasks.get(8), 1),
                        "manifest.csv");
        assertThat(zip.manifest())
                .extracting(row -> row.get("v1 character"))
                .containsExactly("Fox", "Fox", "Turtle", "Turtle");
    }

    @Test
    void aSelectionOfUnknownOrUnfinishedSubtasksIsRefusedIdById() throws Exception {
        String body = "{\"subtask_ids\": [\"%s\", \"%s\", \"%s\"]}"
                .formatted(subtasks.get(0), UUID.randomUUID(), subtasks.get(1));
        assertThat(refusedPaths(body)).containsExactly("$.subtask_ids[1]", "$.subtask_ids[2]");
        assertThat(refusedPaths("{\"subtask_ids\": []}")).containsExactly("$.subtask_ids");
        assertThat(refusedPaths("{}")).containsExactly("$.subtask_ids");
        assertThat(refusedPaths("{\"subtask_ids\": [\"not-an-id\"]}")).containsExactly("$.subtask_ids[0]");
        StringBuilder many = new StringBuilder("{\"subtask_ids\": [");
        for (int i = 0; i <= ImageSelection.MAX_IDS; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        assertThat(refusedPaths(many.append("]}").toString())).containsExactly("$.subtask_ids");
    }

    List<String> refusedPaths(String body) throws Exception {
        String answer = mvc.perform(post("/api/tasks/" + task + "/images.zip")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> paths = new ArrayList<>();
        JsonNode errors = mapper.readTree(answer).get("errors");
        errors.forEach(error -> paths.add(error.get("path").asString()));
        return paths;
    }

    @Test
    void whoMayNotReadTheTaskGetsNoZip() throws Exception {
        mvc.perform(get("/api/tasks/" + task + "/images.zip").with(as(OTHER_USER)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/tasks/" + task + "/images.zip").with(as(GUEST))).andExpect(status().isNotFound());
        mvc.perform(post("/api/tasks/" + task + "/images.zip")
                        .with(as(OTHER_USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subtask_ids\": [\"%s\"]}".formatted(subtasks.get(0))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/tasks/" + task + "/images.zip")).andExpect(status().isUnauthorized());

        jdbc.sql("UPDATE tasks SET visibility = 'shared' WHERE id = :task")
                .param("task", task)
                .update();
        assertThat(download(GUEST).manifest()).hasSize(6);
    }

    @Test
    void aTaskWithoutFinishedImagesGivesAZipWithOnlyTheManifestHeader() throws Exception {
        task = Submit.task(mvc, USER, Bodies.single("nothing yet"));
        ZipRead zip = download(USER);
        assertThat(zip.entries().keySet()).containsExactly("manifest.csv");
        assertThat(zip.manifest()).isEmpty();
        assertThat(zip.manifestText()).contains("subtask_id,image,prompt,seed,ratio,rating,evaluation,file");
    }
}
