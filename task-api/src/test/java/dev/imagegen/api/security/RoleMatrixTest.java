package dev.imagegen.api.security;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.INACTIVE;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.OpenApiOperations;
import dev.imagegen.api.support.OpenApiOperations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of the OpenAPI document against every kind of caller. The table below is the
 * expected rule of each operation; the operations are read from {@code /v3/api-docs}, and every
 * request mapping of the application must be in that document, so an endpoint without a row here,
 * documented or not, fails the build.
 */
@ApiTest
class RoleMatrixTest {

    private static final Set<String> EVERYONE = Set.of(ADMIN, MANAGER, USER, GUEST);
    private static final Set<String> ACTORS = Set.of(ADMIN, MANAGER, USER);
    private static final Set<String> STAFF = Set.of(ADMIN, MANAGER);
    private static final Set<String> ADMINS = Set.of(ADMIN);
    /** Anyone, anonymous callers included: only what the sign-in itself needs. */
    private static final Set<String> PUBLIC = Set.of(ADMIN, MANAGER, USER, GUEST, "anonymous");

    /**
     * "METHOD pattern" to the callers allowed; anonymous callers only where the rule is {@link #PUBLIC}, and inactive
     * ones (whose credentials fail) never.
     */
    private static final Map<String, Set<String>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /api/csrf", PUBLIC);
        RULES.put("GET /api/me", EVERYONE);
        RULES.put("GET /api/limits", EVERYONE);
        RULES.put("POST /api/tasks", ACTORS);
        RULES.put("POST /api/tasks/preview", ACTORS);
        RULES.put("GET /api/tasks", EVERYONE);
        RULES.put("GET /api/tasks/{id}", EVERYONE);
        RULES.put("GET /api/tasks/{id}/subtasks", EVERYONE);
        RULES.put("GET /api/tasks/{id}/subtasks/{sid}", EVERYONE);
        RULES.put("GET /api/tasks/{id}/logs", EVERYONE);
        RULES.put("GET /api/tasks/{id}/events", EVERYONE);
        RULES.put("PUT /api/tasks/{id}/subtasks/{sid}/rating", ACTORS);
        RULES.put("POST /api/tasks/{id}/cancel", ACTORS);
        RULES.put("POST /api/tasks/{id}/retry", ACTORS);
        RULES.put("POST /api/tasks/{id}/subtasks/{sid}/cancel", ACTORS);
        RULES.put("POST /api/tasks/{id}/subtasks/{sid}/retry", ACTORS);
        RULES.put("GET /api/tasks/{id}/images.zip", EVERYONE);
        RULES.put("POST /api/tasks/{id}/images.zip", EVERYONE);
        RULES.put("DELETE /api/tasks/{id}", ACTORS);
        RULES.put("PATCH /api/tasks/{id}", ACTORS);
        RULES.put("GET /api/tags", EVERYONE);
        RULES.put("GET /api/tags/{uuid}", EVERYONE);
        RULES.put("PUT /api/tags/{uuid}", STAFF);
        RULES.put("PUT /api/tags/{uuid}/header_img", STAFF);
        RULES.put("GET /api/gallery", EVERYONE);
        RULES.put("PUT /api/gallery/{subtask_id}/like", ACTORS);
        RULES.put("DELETE /api/gallery/{subtask_id}/like", ACTORS);
        RULES.put("GET /api/queues", EVERYONE);
        RULES.put("GET /api/dashboard", EVERYONE);
        RULES.put("PATCH /api/queues/{id}", STAFF);
        RULES.put("GET /api/users", ADMINS);
        RULES.put("POST /api/users", ADMINS);
        RULES.put("PATCH /api/users/{id}", ADMINS);
        RULES.put("GET /api/system-logs", ADMINS);
        RULES.put("POST /api/admin/consistency", ADMINS);
        // Images of a task: the owner and staff get the file, anyone else the same 404 as for a missing one.
        RULES.put("GET /images/{taskId}/{file}", EVERYONE);
        RULES.put("GET /images/{taskId}/thumbnails/{file}", EVERYONE);
        RULES.put("GET /images/tags/{file}", EVERYONE);
    }

    /** Mappings of the frameworks themselves, which are not operations of this API. */
    private static final Set<String> FRAMEWORK_PATTERNS =
            Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html");

    private static final List<String> CALLERS = List.of(ADMIN, MANAGER, USER, GUEST, "anonymous", INACTIVE);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final AtomicInteger serial = new AtomicInteger();

    @Test
    void everyOperationOfTheOpenApiDocumentHasARuleInThisTable() throws Exception {
        Set<String> documented = new TreeSet<>();
        OpenApiOperations.read(mvc).forEach(operation -> documented.add(operation.key()));
        assertThat(documented).isEqualTo(new TreeSet<>(RULES.keySet()));
    }

    @Test
    void everyRequestMappingIsAnOperationOfTheOpenApiDocument() throws Exception {
        Set<String> documented = new TreeSet<>();
        OpenApiOperations.read(mvc).forEach(operation -> documented.add(operation.key()));
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> !FRAMEWORK_PATTERNS.contains(pattern))
                        .forEach(pattern -> {
                            // A mapping without methods answers every method: it must be documented too.
                            Set<RequestMethod> methods =
                                    info.getMethodsCondition().getMethods();
                            (methods.isEmpty() ? Set.of(RequestMethod.values()) : methods)
                                    .forEach(method -> mapped.add(method.name() + " " + pattern));
                        }));
        assertThat(mapped).as("request mappings").isNotEmpty();
        assertThat(documented).containsAll(mapped);
    }

    /** The operations come from the document, so a new one without a rule fails here too, with its name. */
    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryCallerByItsRule() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : OpenApiOperations.read(mvc)) {
            String endpoint = operation.key();
            Set<String> allowed = RULES.get(endpoint);
            if (allowed == null) {
                tests.add(DynamicTest.dynamicTest(
                        endpoint + " has a rule",
                        () -> assertThat(RULES).as("rule for " + endpoint).containsKey(endpoint)));
                continue;
            }
            for (String caller : CALLERS) {
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + caller, () -> check(endpoint, caller, allowed)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(RULES.size() * CALLERS.size());
        return tests.stream();
    }

    private void check(String endpoint, String caller, Set<String> allowed) throws Exception {
        MockHttpServletRequestBuilder call = requestFor(endpoint);
        if (!caller.equals("anonymous")) {
            call.with(as(caller));
        }
        int status = mvc.perform(call).andReturn().getResponse().getStatus();
        if (allowed.contains(caller)) {
            assertThat(status).as(endpoint + " as " + caller).isNotIn(401, 403).isLessThan(500);
        } else if (caller.equals("anonymous") || caller.equals(INACTIVE)) {
            assertThat(status).as(endpoint + " as " + caller).isEqualTo(401);
        } else {
            assertThat(status).as(endpoint + " as " + caller).isEqualTo(403);
        }
    }

    private MockHttpServletRequestBuilder requestFor(String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        UUID task = ownTask();
        String path = pattern.replace("{id}", pattern.startsWith("/api/tasks") ? task.toString() : idFor(pattern))
                .replace("{sid}", subtaskOf(task).toString())
                .replace("{subtask_id}", subtaskOf(task).toString())
                .replace("{uuid}", UUID.randomUUID().toString())
                .replace("{taskId}", task.toString())
                .replace("{file}", "s1-0.png");
        MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(method), path);
        String body = bodyFor(endpoint);
        return body == null
                ? call
                : call.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String idFor(String pattern) {
        if (pattern.startsWith("/api/users")) {
            return String.valueOf(accounts.id(Accounts.OTHER_USER));
        }
        return "1";
    }

    private String bodyFor(String endpoint) {
        return switch (endpoint) {
            case "POST /api/tasks", "POST /api/tasks/preview" -> Bodies.single("matrix");
            case "PUT /api/tasks/{id}/subtasks/{sid}/rating" -> "{\"rating\": \"good\", \"evaluation\": \"fine\"}";
            case "PATCH /api/queues/{id}" -> "{\"max_concurrent_tasks\": 10}";
            case "POST /api/users" ->
                "{\"username\": \"made%d\", \"password\": \"long-enough-secret\", \"role\": \"user\"}"
                        .formatted(serial.incrementAndGet());
            case "PATCH /api/users/{id}" -> "{\"display_name\": \"Second User\"}";
            case "PATCH /api/tasks/{id}" -> "{\"visibility\": \"shared\"}";
            case "PUT /api/tags/{uuid}" -> "{\"name_zh\": \"猫\", \"name_en\": \"Cat\"}";
            default -> null;
        };
    }

    /** A task of user1 with one subtask, fresh for every call so that acting on it never blocks the next. */
    private UUID ownTask() {
        UUID task = accounts.taskOf(USER, "matrix");
        jdbc.sql("INSERT INTO subtasks (task_id, variable_indices) VALUES (:id, '{}')")
                .param("id", task)
                .update();
        return task;
    }

    private UUID subtaskOf(UUID task) {
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = :id")
                .param("id", task)
                .query(UUID.class)
                .single();
    }
}
