package dev.imagegen.api.gallery;

import static dev.imagegen.api.support.Accounts.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gallery requests and the few database writes the gallery tests repeat (a worker's completion). */
final class GalleryCalls {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final JdbcClient jdbc;

    GalleryCalls(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** Completes every subtask of the task with one image each, as a worker would report it. */
    List<UUID> complete(UUID task) {
        jdbc.sql("""
                UPDATE subtasks SET status = 'completed', completed_at = clock_timestamp(),
                       result = jsonb_build_object('images', jsonb_build_array(
                                jsonb_build_object('url', '/images/' || task_id || '/' || id || '-0.png')))
                 WHERE task_id = ?
                """).param(task).update();
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
    }

    JsonNode page(String query, String username) throws Exception {
        var answer = mvc.perform(
                        get(java.net.URI.create("/api/gallery" + query)).with(as(username)))
                .andReturn()
                .getResponse();
        if (answer.getStatus() != 200) {
            throw new AssertionError("GET /api/gallery" + query + " answered " + answer.getStatus() + ": "
                    + answer.getContentAsString());
        }
        return MAPPER.readTree(answer.getContentAsString());
    }

    List<UUID> ids(String query, String username) throws Exception {
        List<UUID> ids = new ArrayList<>();
        page(query, username)
                .get("items")
                .forEach(item -> ids.add(UUID.fromString(item.get("subtask_id").asString())));
        return ids;
    }

    int like(HttpMethod method, UUID artwork, String username) throws Exception {
        return mvc.perform(request(method, "/api/gallery/" + artwork + "/like").with(as(username)))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    JsonNode consistency(boolean fix) throws Exception {
        return MAPPER.readTree(mvc.perform(request(HttpMethod.POST, "/api/admin/consistency?fix=" + fix)
                        .with(as(dev.imagegen.api.support.Accounts.ADMIN)))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    int share(UUID task, String visibility, String username) throws Exception {
        return mvc.perform(request(HttpMethod.PATCH, "/api/tasks/" + task)
                        .with(as(username))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visibility\": \"" + visibility + "\"}"))
                .andReturn()
                .getResponse()
                .getStatus();
    }
}
