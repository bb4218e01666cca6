package dev.imagegen.api.tag;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.imagegen.api.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Searching and browsing the library page by page: items and next, as the gallery pages. */
@ApiTest
class TagPagingTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void twentyFiveRiversOneExactRiverAndFiveLakes() {
        jdbc.sql("DELETE FROM tags").update();
        jdbc.sql("""
                INSERT INTO tags (uuid, type, name, value, image_count)
                SELECT gen_random_uuid(), 'prompt', 'river bend ' || lpad(i::text, 2, '0'), 'river ' || i, i
                  FROM generate_series(1, 25) AS i
                """).update();
        jdbc.sql("""
                INSERT INTO tags (uuid, type, name, value, name_en)
                VALUES (gen_random_uuid(), 'prompt', '河', 'river', 'River')
                """).update();
        jdbc.sql("""
                INSERT INTO tags (uuid, type, name, value)
                SELECT gen_random_uuid(), 'element', 'lake ' || i, 'lake ' || i FROM generate_series(1, 5) AS i
                """).update();
    }

    @Test
    void aSearchPagesThroughEveryMatchOnceWithTheExactNameFirst() throws Exception {
        List<List<String>> pages = pages("river", null, 10);
        assertThat(pages).hasSize(3);
        assertThat(pages.getFirst().getFirst()).isEqualTo("河");
        assertThat(pages.get(2)).hasSize(6);
        List<String> all = pages.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(26).doesNotHaveDuplicates();
        assertThat(all.subList(1, all.size())).allMatch(name -> name.startsWith("river bend"));
        // Then by usage: river bend 25 has the most images.
        assertThat(all.get(1)).isEqualTo("river bend 25");
    }

    @Test
    void browsingPagesByNameAndFiltersByType() throws Exception {
        List<String> all = pages(null, null, 7).stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(31).doesNotHaveDuplicates().isSorted();
        assertThat(pages(null, "element", 2).stream().flatMap(List::stream))
                .containsExactly("lake 1", "lake 2", "lake 3", "lake 4", "lake 5");
        assertThat(pages("river", "element", 10)).containsExactly(List.of());
    }

    @Test
    void aCursorOfTheOtherKindOrTooDeepABadLimitAreProblems() throws Exception {
        UUID some = jdbc.sql("SELECT uuid FROM tags LIMIT 1").query(UUID.class).single();
        for (String query : List.of(
                "?q=river&after=" + some,
                "?after=s10",
                "?q=river&after=s1000",
                "?q=river&after=s-1",
                "?after=nope",
                "?q=river&limit=0",
                "?limit=101")) {
            MockHttpServletResponse refused = mvc.perform(
                            get(java.net.URI.create("/api/tags" + query)).with(as(GUEST)))
                    .andReturn()
                    .getResponse();
            assertThat(refused.getStatus()).as(query).isEqualTo(400);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            String field = MAPPER.readTree(refused.getContentAsString())
                    .get("errors")
                    .get(0)
                    .get("path")
                    .asString();
            assertThat(field).as(query).isEqualTo(query.contains("limit") ? "limit" : "after");
        }
    }

    /** Every page's tag names, following next until it is null. */
    private List<List<String>> pages(String q, String type, int limit) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String after = null;
        do {
            var uri = UriComponentsBuilder.fromPath("/api/tags").queryParam("limit", limit);
            if (q != null) {
                uri.queryParam("q", q);
            }
            if (type != null) {
                uri.queryParam("type", type);
            }
            if (after != null) {
                uri.queryParam("after", after);
            }
            MockHttpServletResponse answer = mvc.perform(
                            get(uri.build().toUri()).with(as(GUEST)))
                    .andReturn()
                    .getResponse();
            assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
            JsonNode page = MAPPER.readTree(answer.getContentAsString());
            List<String> names = new ArrayList<>();
            page.get("items").forEach(tag -> names.add(tag.get("name").asString()));
            pages.add(names);
            after = page.get("next").isNull() ? null : page.get("next").asString();
            assertThat(pages).as("pages").hasSizeLessThan(20);
        } while (after != null);
        return pages;
    }
}
