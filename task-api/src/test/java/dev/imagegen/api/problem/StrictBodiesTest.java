package dev.imagegen.api.problem;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body of the queues, users and tags refuses what its record does not name, a value of the wrong JSON
 * type, text PostgreSQL cannot store and malformed JSON: a 400 naming the value's path, and nothing written.
 */
@ApiTest
class StrictBodiesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final UUID TAG = UUID.fromString("0b7e3c1a-5d2f-4c8e-9a61-3f4d5e6a7b8c");

    /** A change to any row a body could touch shows in this text. */
    private static final String FINGERPRINT = """
            SELECT concat_ws('|',
                   (SELECT count(*) FROM users),
                   (SELECT string_agg(concat_ws(',', username, hashed_password, role, is_active, display_name,
                                                updated_at), ';' ORDER BY id) FROM users),
                   (SELECT string_agg(concat_ws(',', max_concurrent_tasks, is_active, max_attempts, retry_backoff,
                                                retry_backoff_max, updated_at), ';' ORDER BY id) FROM task_queues),
                   (SELECT string_agg(concat_ws(',', name_zh, name_en, header_img, updated_at), ';' ORDER BY uuid)
                      FROM tags),
                   (SELECT count(*) FROM system_logs WHERE message LIKE 'queue %'))
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    record Body(HttpMethod method, String path, String caller) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Body QUEUE = new Body(HttpMethod.PATCH, "/api/queues/1", MANAGER);
    static final Body NEW_USER = new Body(HttpMethod.POST, "/api/users", ADMIN);
    static final Body USER_CHANGE = new Body(HttpMethod.PATCH, "/api/users/{user2}", ADMIN);
    static final Body TAG_CHANGE = new Body(HttpMethod.PUT, "/api/tags/" + TAG, MANAGER);

    static Stream<Arguments> refusals() {
        return Stream.of(
                // a misspelled or unknown field is named, with the fields the body knows
                Arguments.of(
                        QUEUE,
                        "{\"max_concurrent_tasks\": 3, \"max_concurent_tasks\": 20}",
                        "$.max_concurent_tasks",
                        "is not a known field; known: [is_active, max_attempts, max_concurrent_tasks,"
                                + " rate_limit_per_minute, retry_backoff, retry_backoff_max]"),
                Arguments.of(
                        NEW_USER,
                        "{\"username\": \"ann\", \"password\": \"long-enough\", \"role\": \"user\", \"admin\": true}",
                        "$.admin",
                        "is not a known field; known: [display_name, password, role, username]"),
                Arguments.of(
                        USER_CHANGE,
                        "{\"display_name\": \"Ann\", \"displayName\": \"Ann\"}",
                        "$.displayName",
                        "is not a known field; known: [display_name, is_active, password, role, share_weight]"),
                Arguments.of(
                        TAG_CHANGE,
                        "{\"name_zh\": \"鹤\", \"name_fr\": \"grue\"}",
                        "$.name_fr",
                        "is not a known field; known: [header_img, name_en, name_zh]"),
                // a value of another JSON type is named with the type expected; no coercion
                Arguments.of(
                        QUEUE, "{\"max_concurrent_tasks\": \"3\"}", "$.max_concurrent_tasks", "must be an integer"),
                Arguments.of(QUEUE, "{\"max_concurrent_tasks\": 3.5}", "$.max_concurrent_tasks", "must be an integer"),
                Arguments.of(QUEUE, "{\"is_active\": 1}", "$.is_active", "must be true or false"),
                Arguments.of(QUEUE, "{\"is_active\": \"true\"}", "$.is_active", "must be true or false"),
                Arguments.of(
                        QUEUE,
                        "{\"retry_backoff\": \"soon\"}",
                        "$.retry_backoff",
                        "must be an ISO-8601 duration such as PT2S or PT5M"),
                Arguments.of(QUEUE, "{\"max_attempts\": 99999999999}", "$.max_attempts", "must be an integer in range"),
                Arguments.of(
                        NEW_USER,
                        "{\"username\": 7, \"password\": \"long-enough\", \"role\": \"user\"}",
                        "$.username",
                        "must be a string"),
                Arguments.of(USER_CHANGE, "{\"is_active\": \"no\"}", "$.is_active", "must be true or false"),
                Arguments.of(USER_CHANGE, "{\"display_name\": [\"Ann\"]}", "$.display_name", "must be a string"),
                Arguments.of(TAG_CHANGE, "{\"name_en\": {\"text\": \"Crane\"}}", "$.name_en", "must be a string"),
                Arguments.of(TAG_CHANGE, "{\"header_img\": false}", "$.header_img", "must be a string"),
                // text PostgreSQL cannot store
                Arguments.of(
                        USER_CHANGE, "{\"display_name\": \"A\\u0000nn\"}", "$.display_name", StorableText.NUL_MESSAGE),
                Arguments.of(TAG_CHANGE, "{\"name_zh\": \"\\u0000\"}", "$.name_zh", StorableText.NUL_MESSAGE),
                // not an object, or not JSON
                Arguments.of(QUEUE, "[{\"is_active\": true}]", "$", "must be a JSON object"),
                Arguments.of(NEW_USER, "\"ann\"", "$", "must be a JSON object"),
                Arguments.of(TAG_CHANGE, "{\"name_zh\": ", "$", null),
                Arguments.of(USER_CHANGE, "", "$", "must be a JSON body"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void aBodyThatDoesNotBindIsRefusedAtItsPathAndNothingIsWritten(Body body, String json, String path, String message)
            throws Exception {
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'element', 'crane', 'crane')"
                        + " ON CONFLICT DO NOTHING")
                .param(TAG)
                .update();
        String before = fingerprint();

        MockHttpServletResponse response = mvc.perform(request(
                                body.method(),
                                body.path().replace("{user2}", String.valueOf(accounts.id(Accounts.OTHER_USER))))
                        .with(as(body.caller()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.getBytes(StandardCharsets.UTF_8)))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(MediaType.parseMediaType(response.getContentType())).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode errors = MAPPER.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                .get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("path").asString()).isEqualTo(path);
        if (message != null) {
            assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    private String fingerprint() {
        return jdbc.sql(FINGERPRINT).query(String.class).single();
    }
}
