package dev.imagegen.api.fuzz;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.OpenApiOperations;
import dev.imagegen.api.support.OpenApiOperations.Operation;
import dev.imagegen.api.support.OpenApiOperations.Parameter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties over hostile input: every operation of the OpenAPI document gets malformed,
 * oversized, deeply nested, unicode-heavy and SQL-laden bodies, parameters and path variables,
 * from allowed users and from strangers. Whatever arrives, the answer is never a 5xx, every
 * refusal is a readable problem+json, and a refusal leaves every table as it was.
 */
@ApiTest
class BadInputPropertiesTest {

    /** The three properties together send at least this many requests. */
    static final int REQUIRED_REQUESTS = 10_000;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String VALID = "\u0000valid";
    private static final String ANONYMOUS = "anonymous";
    private static final String STRANGER = "stranger";

    /** A written row, an update or a deletion anywhere shows in this text. */
    private static final String FINGERPRINT = """
            SELECT concat_ws('|',
                   (SELECT count(*) FROM tasks), (SELECT max(updated_at) FROM tasks),
                   (SELECT count(*) FILTER (WHERE is_deleted) FROM tasks),
                   (SELECT count(*) FROM subtasks), (SELECT max(updated_at) FROM subtasks),
                   (SELECT count(*) FROM queue_tasks),
                   (SELECT count(*) FROM queue_tasks WHERE status <> 'pending'),
                   (SELECT count(*) FROM users), (SELECT max(updated_at) FROM users),
                   (SELECT string_agg(hashed_password || role || is_active, ',' ORDER BY id) FROM users),
                   (SELECT max(updated_at) FROM task_queues),
                   (SELECT string_agg(max_concurrent_tasks || ':' || is_active, ',' ORDER BY id) FROM task_queues),
                   (SELECT count(*) FROM task_logs), (SELECT count(*) FROM system_logs),
                   (SELECT count(*) FROM tags), (SELECT max(updated_at) FROM tags),
                   (SELECT count(*) FROM artwork_likes))
            """;

    /** Known fields of each body, so that mutations hit what the checks look at. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "/api/tasks",
            List.of(
                    "name",
                    "priority",
                    "make_api_queue",
                    "prompts",
                    "ratio",
                    "seed",
                    "batch_size",
                    "polish",
                    "variables",
                    "parameters",
                    "steps",
                    "cfg_scale",
                    "negative_prompt",
                    "type",
                    "value",
                    "weight",
                    "values",
                    "is_variable",
                    "variable_id"),
            "/api/users",
            List.of("username", "password", "role", "display_name", "is_active"),
            "/api/queues",
            List.of("max_concurrent_tasks", "is_active"),
            "/rating",
            List.of("rating", "evaluation"));

    private static final AtomicInteger sent = new AtomicInteger();
    private static final LongAdder sendingNanos = new LongAdder();
    private static final long started = System.nanoTime();
    private static final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private static volatile TestContextManager spring;
    private static volatile List<Operation> operations;
    private static volatile Map<String, String[]> originalAccounts;
    private static volatile int userId;
    private static volatile int otherUserId;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    /** One request: what the generator decided; {@link #VALID} stands for a value that exists. */
    record Call(
            Operation operation,
            String caller,
            Map<String, String> path,
            List<Map.Entry<String, String>> query,
            Map<String, String> headers,
            Body body) {

        @Override
        public String toString() {
            return operation + " as " + caller + " path=" + shorten(path.toString()) + " query="
                    + shorten(query.toString()) + " headers=" + shorten(headers.toString()) + " body=" + body;
        }
    }

    /** A body as bytes with its content type (null: none sent). */
    record Body(byte[] bytes, String contentType, String kind) {

        @Override
        public String toString() {
            return kind + " " + contentType + " "
                    + shorten(bytes == null ? "(none)" : new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @BeforeProperty
    void wire() throws Exception {
        synchronized (BadInputPropertiesTest.class) {
            if (spring == null) {
                spring = new TestContextManager(BadInputPropertiesTest.class);
                spring.beforeTestClass();
            }
            spring.prepareTestInstance(this);
            if (operations == null) {
                operations = OpenApiOperations.read(mvc);
                userId = accounts.id(USER);
                otherUserId = accounts.id(Accounts.OTHER_USER);
                originalAccounts = new LinkedHashMap<>();
                jdbc.sql("SELECT username, hashed_password, role::text, is_active::text FROM users")
                        .query((rs, n) -> originalAccounts.put(
                                rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}))
                        .list();
            }
        }
    }

    @AfterContainer
    static void closeAndCount() throws Exception {
        if (spring != null) {
            spring.afterTestClass();
        }
        System.out.printf(
                "Bad-input requests sent: %d in %d s (%d s sending and checking); answers by operation and status:%n",
                sent.get(), (System.nanoTime() - started) / 1_000_000_000L, sendingNanos.sum() / 1_000_000_000L);
        new TreeMap<>(statuses).forEach((key, count) -> System.out.println("  " + key + ": " + count.sum()));
        assertThat(sent.get()).as("requests sent").isGreaterThanOrEqualTo(REQUIRED_REQUESTS);
    }

    @Property(tries = 4000, edgeCases = EdgeCasesMode.NONE)
    void aBadBodyIsRefusedWithAProblemAndWritesNothing(@ForAll("badBodies") Call call) throws Exception {
        send(call);
    }

    @Property(tries = 3500, edgeCases = EdgeCasesMode.NONE)
    void badParametersAreRefusedWithAProblemAndWriteNothing(@ForAll("badParameters") Call call) throws Exception {
        send(call);
    }

    @Property(tries = 2600, edgeCases = EdgeCasesMode.NONE)
    void anythingFromAnyoneNeverFailsTheServer(@ForAll("anything") Call call) throws Exception {
        send(call);
    }

    @Provide
    Arbitrary<Call> badBodies() {
        List<Operation> withBody =
                operations.stream().filter(Operation::hasBody).toList();
        assertThat(withBody).isNotEmpty();
        return Arbitraries.of(withBody)
                .flatMap(operation -> memo(
                        "bodies",
                        operation,
                        () -> call(
                                operation,
                                allowedCaller(),
                                validPath(operation),
                                mostlyValidQuery(operation),
                                badBody(operation))));
    }

    @Provide
    Arbitrary<Call> badParameters() {
        List<Operation> withParameters = operations.stream()
                .filter(operation -> !operation.parameters().isEmpty())
                .toList();
        assertThat(withParameters).isNotEmpty();
        return Arbitraries.of(withParameters)
                .flatMap(operation -> memo(
                        "parameters",
                        operation,
                        () -> call(
                                operation,
                                allowedCaller(),
                                badPath(operation),
                                badQuery(operation),
                                validBody(operation))));
    }

    @Provide
    Arbitrary<Call> anything() {
        return Arbitraries.of(operations)
                .flatMap(operation -> memo(
                        "anything",
                        operation,
                        () -> call(
                                operation,
                                anyCaller(),
                                badPath(operation),
                                badQuery(operation),
                                Arbitraries.oneOf(badBody(operation), validBody(operation)))));
    }

    private static final Map<String, Arbitrary<Call>> ARBITRARIES = new ConcurrentHashMap<>();

    /** One arbitrary per property and operation, built once: jqwik then reuses its generators. */
    private static Arbitrary<Call> memo(String property, Operation operation, Supplier<Arbitrary<Call>> build) {
        return ARBITRARIES.computeIfAbsent(property + " " + operation.key(), key -> build.get());
    }

    private static Arbitrary<Call> call(
            Operation operation,
            Arbitrary<String> caller,
            Arbitrary<Map<String, String>> path,
            Arbitrary<List<Map.Entry<String, String>>> query,
            Arbitrary<Body> body) {
        return Combinators.combine(caller, path, query, headers(operation), body)
                .as((who, p, q, h, b) -> new Call(operation, who, p, q, h, operation.hasBody() ? b : noBodyOr(b)));
    }

    /** An operation without a body still gets one now and then: it must be ignored, not fail. */
    private static Body noBodyOr(Body body) {
        return body.bytes() != null && body.bytes().length % 7 == 0 ? body : new Body(null, null, "none");
    }

    private static Arbitrary<String> allowedCaller() {
        return Arbitraries.frequency(Tuple.of(60, ADMIN), Tuple.of(35, USER), Tuple.of(5, ANONYMOUS));
    }

    private static Arbitrary<String> anyCaller() {
        return Arbitraries.frequency(
                Tuple.of(35, ADMIN),
                Tuple.of(25, USER),
                Tuple.of(10, GUEST),
                Tuple.of(20, ANONYMOUS),
                Tuple.of(10, STRANGER));
    }

    private static Arbitrary<Map<String, String>> validPath(Operation operation) {
        Map<String, String> valid = new LinkedHashMap<>();
        pathParameters(operation).forEach(parameter -> valid.put(parameter.name(), VALID));
        return Arbitraries.just(valid);
    }

    private static Arbitrary<Map<String, String>> badPath(Operation operation) {
        List<Parameter> parameters = pathParameters(operation);
        if (parameters.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        Arbitrary<String> value = Arbitraries.frequency(Tuple.of(1, VALID), Tuple.of(2, ""))
                .flatMap(kind -> kind.equals(VALID) ? Arbitraries.just(VALID) : Nasty.identifier());
        return value.list().ofSize(parameters.size()).map(values -> {
            Map<String, String> path = new LinkedHashMap<>();
            for (int i = 0; i < parameters.size(); i++) {
                path.put(parameters.get(i).name(), values.get(i));
            }
            return path;
        });
    }

    private static List<Parameter> pathParameters(Operation operation) {
        return operation.parameters().stream()
                .filter(parameter -> parameter.in().equals("path"))
                .toList();
    }

    private static List<Parameter> queryParameters(Operation operation) {
        return operation.parameters().stream()
                .filter(parameter -> parameter.in().equals("query"))
                .toList();
    }

    private static Arbitrary<List<Map.Entry<String, String>>> mostlyValidQuery(Operation operation) {
        return Arbitraries.frequencyOf(
                Nasty.weighted(4, Arbitraries.just(List.of())), Nasty.weighted(1, badQuery(operation)));
    }

    /** Each declared query parameter left out, given a fair value, or a bad one; sometimes twice or unknown. */
    private static Arbitrary<List<Map.Entry<String, String>>> badQuery(Operation operation) {
        List<Parameter> parameters = queryParameters(operation);
        Arbitrary<Map.Entry<String, String>> unknown = Combinators.combine(
                        Arbitraries.of("x", "limit ", "LIMIT", "q[]", "'; DROP TABLE tasks;--", "\u0000"),
                        Nasty.string())
                .as(Map::entry);
        Arbitrary<List<Map.Entry<String, String>>> extras = unknown.list().ofMaxSize(2);
        if (parameters.isEmpty()) {
            return extras;
        }
        List<Arbitrary<List<Map.Entry<String, String>>>> each = new ArrayList<>();
        for (Parameter parameter : parameters) {
            Arbitrary<String> bad = Arbitraries.frequencyOf(
                    Nasty.weighted(30, Nasty.identifier()),
                    Nasty.weighted(10, Arbitraries.of(Nasty.BAD_NUMBERS)),
                    Nasty.weighted(1, Nasty.huge()));
            each.add(Arbitraries.frequencyOf(
                    Nasty.weighted(3, Arbitraries.just(List.of())),
                    Nasty.weighted(2, Arbitraries.just(List.of(Map.entry(parameter.name(), fairValue(parameter))))),
                    Nasty.weighted(4, bad.map(value -> List.of(Map.entry(parameter.name(), value)))),
                    Nasty.weighted(
                            1,
                            bad.list()
                                    .ofSize(2)
                                    .map(values -> values.stream()
                                            .map(value -> Map.entry(parameter.name(), value))
                                            .toList()))));
        }
        return Combinators.combine(each)
                .as(lists -> lists.stream().flatMap(List::stream).toList())
                .flatMap(declared -> extras.map(more -> {
                    List<Map.Entry<String, String>> all = new ArrayList<>(declared);
                    all.addAll(more);
                    return all;
                }));
    }

    private static String fairValue(Parameter parameter) {
        return switch (parameter.name()) {
            case "status" -> "pending";
            case "rating" -> "good";
            case "q" -> "lake";
            case "level" -> "INFO";
            case "user" -> USER;
            case "sort" -> "likes";
            case "type" -> "character";
            default ->
                switch (parameter.type()) {
                    case "integer" -> "10";
                    case "boolean" -> "true";
                    default ->
                        switch (parameter.format()) {
                            case "uuid" -> UUID.randomUUID().toString();
                            case "date-time" -> "2026-01-01T00:00:00Z";
                            default -> "a";
                        };
                };
        };
    }

    private static Arbitrary<Map<String, String>> headers(Operation operation) {
        List<Parameter> declared = operation.parameters().stream()
                .filter(parameter -> parameter.in().equals("header"))
                .toList();
        if (declared.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Nasty.weighted(2, Arbitraries.just(VALID)),
                Nasty.weighted(3, Nasty.string()),
                Nasty.weighted(1, Arbitraries.strings().alpha().ofLength(256)));
        return value.list().ofSize(declared.size()).map(values -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                if (!values.get(i).equals(VALID)) {
                    headers.put(declared.get(i).name(), values.get(i));
                }
            }
            return headers;
        });
    }

    private static Arbitrary<Body> validBody(Operation operation) {
        return Arbitraries.just(
                new Body(validBodyText(operation).getBytes(StandardCharsets.UTF_8), "application/json", "valid"));
    }

    /** A body no check should let through, under a content type that is mostly JSON. */
    private static Arbitrary<Body> badBody(Operation operation) {
        String valid = validBodyText(operation);
        List<String> fields = fieldsOf(operation);
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Nasty.weighted(25, mutated(valid, fields).map(body -> "mutated:" + body)),
                Nasty.weighted(
                        15,
                        Combinators.combine(Arbitraries.of(topLevelFields(valid)), Nasty.string())
                                .as((field, value) -> "nasty-field:" + replaceField(valid, field, Nasty.quote(value)))),
                Nasty.weighted(10, Nasty.json(fields).map(body -> "random-json:" + body)),
                Nasty.weighted(
                        8,
                        Arbitraries.integers()
                                .between(0, Math.max(0, valid.length() - 1))
                                .map(end -> "truncated:" + valid.substring(0, end))),
                Nasty.weighted(5, deep()),
                Nasty.weighted(
                        3,
                        Combinators.combine(Arbitraries.of(topLevelFields(valid)), Nasty.huge())
                                .as((field, value) -> "huge-field:" + replaceField(valid, field, Nasty.quote(value)))),
                Nasty.weighted(1, Nasty.huge().map(value -> "huge-array:[" + Nasty.quote(value) + "]")),
                Nasty.weighted(
                        5,
                        Combinators.combine(Arbitraries.of(topLevelFields(valid)), Nasty.json(fields))
                                .as((field, value) -> "duplicate-key:{" + Nasty.quote(field) + ":" + value + ","
                                        + valid.strip().substring(1))),
                Nasty.weighted(5, Arbitraries.strings().all().ofMaxLength(200).map(noise -> "noise:" + noise)),
                Nasty.weighted(
                        3,
                        Arbitraries.of(
                                        "",
                                        " ",
                                        "null",
                                        "[]",
                                        "0",
                                        "\"text\"",
                                        "{",
                                        "}",
                                        "{}",
                                        "{\"a\"}",
                                        "{,}",
                                        "\uFEFF{}")
                                .map(body -> "literal:" + body)));
        Arbitrary<String> contentType = Arbitraries.frequency(
                Tuple.of(80, "application/json"),
                Tuple.of(3, "application/json;charset=ISO-8859-1"),
                Tuple.of(3, "text/plain"),
                Tuple.of(2, "application/xml"),
                Tuple.of(3, "application/x-www-form-urlencoded"),
                Tuple.of(2, "multipart/form-data"),
                Tuple.of(3, ""),
                Tuple.of(2, "application/json;;;q=x"),
                Tuple.of(2, "not a type"));
        Arbitrary<Boolean> invalidUtf8 = Arbitraries.frequency(Tuple.of(97, false), Tuple.of(3, true));
        return Combinators.combine(text, contentType, invalidUtf8).as((tagged, type, broken) -> {
            String kind = tagged.substring(0, tagged.indexOf(':'));
            byte[] bytes = tagged.substring(tagged.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8);
            if (broken) {
                byte[] spoiled = new byte[bytes.length + 4];
                System.arraycopy(bytes, 0, spoiled, 0, bytes.length / 2);
                spoiled[bytes.length / 2] = (byte) 0xC0;
                spoiled[bytes.length / 2 + 1] = (byte) 0xFF;
                spoiled[bytes.length / 2 + 2] = (byte) 0xFE;
                spoiled[bytes.length / 2 + 3] = (byte) 0xED;
                System.arraycopy(
                        bytes, bytes.length / 2, spoiled, bytes.length / 2 + 4, bytes.length - bytes.length / 2);
                bytes = spoiled;
                kind = kind + "+invalid-utf8";
            }
            return new Body(bytes, type.isEmpty() ? null : type, kind);
        });
    }

    /** Nesting far beyond any sane document, closed or left open. */
    private static Arbitrary<String> deep() {
        return Combinators.combine(
                        Arbitraries.of(50, 400, 1_000, 5_000, 50_000),
                        Arbitraries.of("[", "{\"a\":", "{\"variables\":", "{\"prompts\":["),
                        Arbitraries.of(true, false))
                .as((depth, open, closed) -> {
                    StringBuilder body = new StringBuilder("deep:");
                    body.append(open.repeat(depth)).append("1");
                    if (closed) {
                        String close = switch (open) {
                            case "[" -> "]";
                            case "{\"prompts\":[" -> "]}";
                            default -> "}";
                        };
                        body.append(close.repeat(depth));
                    }
                    return body.toString();
                });
    }

    /** The valid body with one to three of its values, at any depth, replaced by hostile JSON, or removed. */
    private static Arbitrary<String> mutated(String valid, List<String> fields) {
        JsonNode tree = MAPPER.readTree(valid);
        List<String> pointers = new ArrayList<>();
        collectPointers(tree, "", pointers);
        if (pointers.isEmpty()) {
            return Nasty.json(fields)
                    .map(value -> "{" + Nasty.quote(fields.isEmpty() ? "x" : fields.get(0)) + ":" + value + "}");
        }
        Arbitrary<String> one = Combinators.combine(
                        Arbitraries.of(pointers), Arbitraries.oneOf(Nasty.json(fields), Arbitraries.just("REMOVE")))
                .as((pointer, value) -> pointer + "\n" + value);
        return one.list().ofMinSize(1).ofMaxSize(3).map(changes -> {
            JsonNode copy = tree.deepCopy();
            Map<String, String> raw = new LinkedHashMap<>();
            int n = 0;
            for (String change : changes) {
                String pointer = change.substring(0, change.indexOf('\n'));
                String value = change.substring(change.indexOf('\n') + 1);
                JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
                String last = pointer.substring(pointer.lastIndexOf('/') + 1);
                if (!(parent instanceof ObjectNode object) || !object.has(last)) {
                    continue;
                }
                if (value.equals("REMOVE")) {
                    object.remove(last);
                } else {
                    String token = "@@fuzz" + n++ + "@@";
                    object.put(last, token);
                    raw.put("\"" + token + "\"", value);
                }
            }
            String text = MAPPER.writeValueAsString(copy);
            for (Map.Entry<String, String> entry : raw.entrySet()) {
                text = text.replace(entry.getKey(), entry.getValue());
            }
            return text;
        });
    }

    private static void collectPointers(JsonNode node, String at, List<String> pointers) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String pointer = at + "/" + member.getKey();
                pointers.add(pointer);
                collectPointers(member.getValue(), pointer, pointers);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPointers(node.get(i), at + "/" + i, pointers);
            }
        }
    }

    private static List<String> topLevelFields(String valid) {
        List<String> names = new ArrayList<>(MAPPER.readTree(valid).propertyNames());
        return names.isEmpty() ? List.of("x") : names;
    }

    private static String replaceField(String valid, String field, String rawValue) {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(valid);
        tree.put(field, "@@fuzz@@");
        return MAPPER.writeValueAsString(tree).replace("\"@@fuzz@@\"", rawValue);
    }

    private static List<String> fieldsOf(Operation operation) {
        Set<String> fields = new LinkedHashSet<>(operation.bodyFields());
        FIELDS.forEach((prefix, names) -> {
            if (operation.path().startsWith(prefix) || operation.path().endsWith(prefix)) {
                fields.addAll(names);
            }
        });
        return List.copyOf(fields);
    }

    /** A body the operation accepts; an operation added later starts from an empty object. */
    static String validBodyText(Operation operation) {
        return switch (operation.key()) {
            case "POST /api/tasks", "POST /api/tasks/preview" -> Bodies.twoByThree("fuzz");
            case "PUT /api/tasks/{id}/subtasks/{sid}/rating" -> "{\"rating\": \"good\", \"evaluation\": \"fine\"}";
            case "PATCH /api/queues/{id}" -> "{\"max_concurrent_tasks\": 10, \"is_active\": true}";
            case "PATCH /api/tasks/{id}" -> "{\"visibility\": \"shared\"}";
            case "PUT /api/tags/{uuid}" ->
                "{\"name_zh\": \"猫\", \"name_en\": \"Cat\", \"header_img\": \"https://img.example/cat.png\"}";
            case "POST /api/users" ->
                "{\"username\": \"fuzzed\", \"password\": \"long-enough-secret\", \"role\": \"user\", \"display_name\": \"F\"}";
            case "PATCH /api/users/{id}" ->
                "{\"display_name\": \"Second User\", \"role\": \"user\", \"is_active\": true, \"password\": \"another-secret\"}";
            default -> "{}";
        };
    }

    private void send(Call call) throws Exception {
        long start = System.nanoTime();
        try {
            check(call);
        } finally {
            sendingNanos.add(System.nanoTime() - start);
        }
    }

    private void check(Call call) throws Exception {
        if (call.operation().path().startsWith("/api/users")) {
            restoreAccounts();
        }
        Map<String, String> valid = validValues(call.operation());
        String before = fingerprint();

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(
                HttpMethod.valueOf(call.operation().method()), uri(call, valid));
        switch (call.caller()) {
            case ANONYMOUS -> {}
            case STRANGER ->
                request.with(httpBasic(call.path().values().stream().findFirst().orElse("nobody") + "\u0000'--", "x"));
            default -> request.with(Accounts.as(call.caller()));
        }
        call.headers().forEach(request::header);
        if (call.body().bytes() != null) {
            request.content(call.body().bytes());
            if (call.body().contentType() != null) {
                request.header("Content-Type", call.body().contentType());
            }
        }

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        sent.incrementAndGet();
        int status = response.getStatus();
        statuses.computeIfAbsent(call.operation().key() + " " + status, key -> new LongAdder())
                .increment();

        assertThat(status).as("status of %s", call).isLessThan(500);
        if (status >= 400) {
            String contentType = response.getContentType();
            assertThat(contentType)
                    .as("content type of %s answered %d", call, status)
                    .isNotNull();
            assertThat(MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("problem+json for %s answered %d, got %s", call, status, contentType)
                    .isTrue();
            JsonNode problem = MAPPER.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.isObject()).as("problem body of %s", call).isTrue();
            assertThat(problem.path("status").asInt(status)).isEqualTo(status);
            assertThat(fingerprint())
                    .as("tables after %s answered %d", call, status)
                    .isEqualTo(before);
        }
    }

    private URI uri(Call call, Map<String, String> valid) {
        String path = call.operation().path();
        for (Map.Entry<String, String> variable : call.path().entrySet()) {
            String value = variable.getValue().equals(VALID) ? valid.get(variable.getKey()) : variable.getValue();
            path = path.replace(
                    "{" + variable.getKey() + "}", UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
        }
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : call.query()) {
            uri.append(separator)
                    .append(UriUtils.encodeQueryParam(parameter.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(UriUtils.encodeQueryParam(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    /** Values that exist for the operation's path variables: a fresh task of user1 with one subtask, and so on. */
    private Map<String, String> validValues(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Parameter> path = pathParameters(operation);
        if (path.isEmpty()) {
            return values;
        }
        UUID task = null;
        if (!operation.eventStream()
                && (operation.path().startsWith("/api/tasks/")
                        || operation.path().startsWith("/images/"))) {
            task = UUID.randomUUID();
            jdbc.sql("INSERT INTO tasks (id, name, user_id) VALUES (:id, 'fuzz', :user)")
                    .param("id", task)
                    .param("user", userId)
                    .update();
            jdbc.sql("INSERT INTO subtasks (task_id, variable_indices) VALUES (:id, '{}')")
                    .param("id", task)
                    .update();
        }
        for (Parameter parameter : path) {
            String value;
            if (operation.path().startsWith("/api/users/")) {
                value = String.valueOf(otherUserId);
            } else if (operation.path().startsWith("/api/queues/")) {
                value = "1";
            } else if (parameter.name().equals("sid") && task != null) {
                value = jdbc.sql("SELECT id::text FROM subtasks WHERE task_id = :id")
                        .param("id", task)
                        .query(String.class)
                        .single();
            } else if (parameter.name().equals("file")) {
                value = "s1-0.png";
            } else if (task != null && parameter.format().equals("uuid")) {
                value = task.toString();
            } else {
                value = fairValue(parameter);
            }
            values.put(parameter.name(), value);
        }
        return values;
    }

    /** Puts back the test's accounts in case an accepted change altered one, so every caller stays who it is. */
    private void restoreAccounts() {
        originalAccounts.forEach((username, account) -> jdbc.sql("""
                        UPDATE users SET hashed_password = :hash, role = CAST(:role AS user_role),
                                         is_active = CAST(:active AS boolean)
                         WHERE username = :username
                           AND (hashed_password, role::text, is_active::text) IS DISTINCT FROM (:hash, :role, :active)
                        """)
                .param("hash", account[0])
                .param("role", account[1])
                .param("active", account[2])
                .param("username", username)
                .update());
    }

    private String fingerprint() {
        return jdbc.sql(FINGERPRINT).query(String.class).single();
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
