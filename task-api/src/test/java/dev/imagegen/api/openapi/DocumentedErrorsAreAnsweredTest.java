package dev.imagegen.api.openapi;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.imagegen.api.security.AccessRules;
import dev.imagegen.api.security.AccessRules.Access;
import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each 400, 403 and 404 the document promises is an answer the operation gives: a malformed id or parameter, a role
 * its rule leaves out, an id that names nothing.
 */
@ApiTest
class DocumentedErrorsAreAnsweredTest {

    /** Valid bodies, so that the answer is about the id; by "METHOD path". */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/tasks", Bodies.single("documented"),
            "POST /api/tasks/preview", Bodies.single("documented"),
            "PUT /api/tasks/{id}/subtasks/{sid}/rating", "{\"rating\": \"good\"}",
            "PATCH /api/tasks/{id}", "{\"visibility\": \"shared\"}",
            "PATCH /api/queues/{id}", "{\"max_concurrent_tasks\": 10}",
            "PUT /api/tags/{uuid}", "{\"name_zh\": \"猫\", \"name_en\": \"Cat\"}",
            "POST /api/tasks/{id}/images.zip", "{\"subtask_ids\": [\"" + UUID.randomUUID() + "\"]}");

    @Autowired
    MockMvc mvc;

    @TestFactory
    Stream<DynamicTest> everyDocumentedRefusalIsAnswered() throws Exception {
        JsonNode document = JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        List<DynamicTest> tests = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
                    JsonNode operation = entry.getValue();
                    String id = operation.path("operationId").asString();
                    JsonNode responses = operation.path("responses");
                    // A binary body (an image upload) is checked before the id: its 404 is left to its own test.
                    boolean jsonOrNoBody = !operation.has("requestBody")
                            || operation.path("requestBody").path("content").has("application/json");
                    if (responses.has("404") && jsonOrNoBody) {
                        tests.add(DynamicTest.dynamicTest(
                                id + " answers 404",
                                () -> assertThat(status(call(method, path.getKey(), operation, "unknown"), ADMIN, id))
                                        .as(id)
                                        .isEqualTo(404)));
                    }
                    if (responses.has("403")) {
                        Access access = AccessRules.of(method, path.getKey()).orElseThrow();
                        String outsider = access == Access.STAFF || access == Access.ADMINS ? USER : GUEST;
                        // Open to everyone signed in, an unsafe method is refused only to a session without its CSRF
                        // token.
                        boolean csrfOnly = access == Access.SIGNED_IN || access == Access.PUBLIC;
                        tests.add(DynamicTest.dynamicTest(
                                id + " answers 403",
                                () -> assertThat(
                                                csrfOnly
                                                        ? mvc.perform(call(method, path.getKey(), operation, "unknown")
                                                                        .session(new MockHttpSession()))
                                                                .andReturn()
                                                                .getResponse()
                                                                .getStatus()
                                                        : status(
                                                                call(method, path.getKey(), operation, "unknown"),
                                                                outsider,
                                                                id))
                                        .as(id)
                                        .isEqualTo(403)));
                    }
                    if (responses.has("400")) {
                        tests.add(DynamicTest.dynamicTest(
                                id + " answers 400",
                                () -> assertThat(status(call(method, path.getKey(), operation, "malformed"), ADMIN, id))
                                        .as(id)
                                        .isEqualTo(400)));
                    }
                }));
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }

    private int status(MockHttpServletRequestBuilder call, String caller, String id) throws Exception {
        return mvc.perform(call.with(as(caller))).andReturn().getResponse().getStatus();
    }

    /** A call with unknown ids (or, when {@code how} is malformed, a malformed first path id, limit or body). */
    private static MockHttpServletRequestBuilder call(String method, String template, JsonNode operation, String how) {
        String path = template;
        boolean malformedDone = false;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!parameter.path("in").asString().equals("path")) {
                continue;
            }
            String name = parameter.path("name").asString();
            JsonNode schema = parameter.path("schema");
            String value = schema.path("type").asString().equals("integer")
                    ? "2147483000"
                    : schema.path("format").asString().equals("uuid")
                            ? UUID.randomUUID().toString()
                            : "s1-0.png";
            if (how.equals("malformed") && !malformedDone) {
                // A file name that is no id can only be malformed by what no path may hold: an encoded NUL.
                value = value.endsWith(".png") ? "s1%00.png" : "not-an-id";
                malformedDone = true;
            }
            path = path.replace("{" + name + "}", value);
        }
        MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(method), path);
        if (how.equals("malformed") && !malformedDone) {
            for (JsonNode parameter : operation.path("parameters")) {
                String type = parameter.path("schema").path("type").asString();
                if (parameter.path("in").asString().equals("query")
                        && (type.equals("integer") || type.equals("boolean"))) {
                    call.queryParam(parameter.path("name").asString(), "not-a-" + type);
                    malformedDone = true;
                }
            }
        }
        if (operation.has("requestBody")) {
            String body = how.equals("malformed") && !malformedDone
                    ? "[]"
                    : BODIES.getOrDefault(method + " " + template, "{}");
            JsonNode content = operation.path("requestBody").path("content");
            String type = content.has("application/json")
                    ? MediaType.APPLICATION_JSON_VALUE
                    : content.propertyNames().iterator().next();
            call.contentType(type).content(body);
        }
        return call;
    }
}
