package dev.imagegen.api.tag;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Submit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiTest
class TagLibraryTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    static String task(String name, String prompts, String variableValues) {
        return """
                {"name": "%s", "prompts": %s,
                 "variables": {"v0": {"type": "character", "values": %s}}}
                """.formatted(name, prompts, variableValues);
    }

    MockHttpServletResponse call(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    JsonNode json(MockHttpServletResponse response) throws Exception {
        return MAPPER.readTree(response.getContentAsString());
    }

    List<String> names(String query) throws Exception {
        List<String> names = new ArrayList<>();
        json(call(get(java.net.URI.create("/api/tags" + query)).with(as(OTHER_USER))))
                .get("items")
                .forEach(tag -> names.add(tag.get("name").asString()));
        return names;
    }

    @Test
    void submissionMatchesKnownTagsAddsUnknownOnesAndCountsTheTasksThatUseThem() throws Exception {
        UUID known = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'character', 'Known fox', 'fox')")
                .param(known)
                .update();
        UUID fresh = UUID.randomUUID();
        String values = """
                [{"uuid": "%s", "value": "fox"}, {"uuid": "%s", "value": "crane", "name": "Crane"}]
                """.formatted(known, fresh);
        UUID first =
                Submit.task(mvc, USER, task("first", "[{\"type\": \"prompt\", \"value\": \"misty pines\"}]", values));
        UUID second = Submit.task(
                mvc,
                OTHER_USER,
                task("second", "[{\"uuid\": \"x-1\", \"type\": \"prompt\", \"value\": \"misty pines\"}]", values));

        assertThat(jdbc.sql("SELECT name FROM tags WHERE uuid = ?")
                        .param(known)
                        .query(String.class)
                        .single())
                .isEqualTo("Known fox");
        assertThat(jdbc.sql("SELECT name || ':' || type || ':' || task_count FROM tags WHERE uuid = ?")
                        .param(fresh)
                        .query(String.class)
                        .single())
                .isEqualTo("Crane:character:2");
        List<String> pines = jdbc.sql("SELECT uuid::text || ':' || task_count FROM tags WHERE value = 'misty pines'")
                .query(String.class)
                .list();
        assertThat(pines).hasSize(1);
        String pinesUuid = pines.getFirst().substring(0, 36);
        assertThat(pines.getFirst()).endsWith(":2");
        for (UUID taskId : List.of(first, second)) {
            String stored = jdbc.sql("SELECT prompts -> 0 ->> 'uuid' FROM subtasks WHERE task_id = ? LIMIT 1")
                    .param(taskId)
                    .query(String.class)
                    .single();
            assertThat(stored).isEqualTo(pinesUuid);
        }
        assertThat(jdbc.sql("SELECT task_count FROM tags WHERE uuid = ?")
                        .param(known)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM check_gallery_counters_consistency()")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void oneSearchBoxFindsATagByChineseEnglishOrCanonicalNameAndThroughTypos() throws Exception {
        UUID landscape = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tags (uuid, type, name, value, name_zh, name_en)
                VALUES (?, 'prompt', 'scenery', 'wide landscape', '风景', 'Landscape'),
                       (?, 'prompt', 'landscape painting', 'landscape painting', '风景画', 'Landscape painting'),
                       (?, 'prompt', 'portrait', 'portrait', '肖像', 'Portrait')
                """).params(landscape, UUID.randomUUID(), UUID.randomUUID()).update();

        for (String q : List.of("风景", "landscape", "Landscape", "scenery")) {
            JsonNode found = json(call(get("/api/tags").param("q", q).with(as(OTHER_USER))));
            assertThat(found.get("items").size()).as(q).isPositive();
            assertThat(found.get("items").get(0).get("uuid").asString())
                    .as("first for %s (an exact name)", q)
                    .isEqualTo(landscape.toString());
            assertThat(found.get("next").isNull()).isTrue();
        }
        List<String> typo = new ArrayList<>();
        json(call(get("/api/tags").param("q", "landscpe").with(as(OTHER_USER))))
                .get("items")
                .forEach(tag -> typo.add(tag.get("uuid").asString()));
        assertThat(typo).contains(landscape.toString()).hasSize(2);
        assertThat(names("?q=%E8%82%96%E5%83%8F")).containsExactly("portrait");
        assertThat(names("?q=landscape&type=character")).isEmpty();
    }

    @Test
    void managersSetTranslationsAndTheHeaderImageUsersMayNot() throws Exception {
        UUID tag = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'character', 'cat', 'cat')")
                .param(tag)
                .update();
        String body = "{\"name_zh\": \"猫\", \"name_en\": \"Cat\", \"header_img\": \"https://img.example/cat.png\"}";

        assertThat(call(put("/api/tags/" + tag)
                                .with(as(USER))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .getStatus())
                .isEqualTo(403);
        MockHttpServletResponse changed = call(put("/api/tags/" + tag)
                .with(as(MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
        assertThat(changed.getStatus()).isEqualTo(200);

        JsonNode read = json(call(get("/api/tags/" + tag).with(as(USER))));
        assertThat(read.get("name_zh").asString()).isEqualTo("猫");
        assertThat(read.get("name_en").asString()).isEqualTo("Cat");
        assertThat(read.get("header_img").asString()).isEqualTo("https://img.example/cat.png");
        assertThat(read.get("image_count").asLong()).isZero();
        assertThat(names("?q=%E7%8C%AB")).containsExactly("cat");
        assertThat(call(get("/api/tags/" + UUID.randomUUID()).with(as(USER))).getStatus())
                .isEqualTo(404);
    }

    @Test
    void aBadTagChangeNamesEachFieldAndAnUnknownFieldIsRefused() throws Exception {
        UUID tag = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'prompt', 'dog', 'dog')")
                .param(tag)
                .update();
        MockHttpServletResponse bad = call(put("/api/tags/" + tag)
                .with(as(MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name_zh\": \"\", \"name_en\": \"%s\", \"header_img\": \"javascript:alert(1)\"}"
                        .formatted("x".repeat(300))));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        json(bad).get("errors").forEach(error -> fields.add(error.get("path").asString()));
        assertThat(fields).containsExactlyInAnyOrder("$.name_zh", "$.name_en", "$.header_img");

        MockHttpServletResponse unknown = call(put("/api/tags/" + tag)
                .with(as(MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name_en\": \"Dog\", \"image_count\": 5}"));
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT coalesce(name_en, '-') || image_count FROM tags WHERE uuid = ?")
                        .param(tag)
                        .query(String.class)
                        .single())
                .isEqualTo("-0");
    }
}
