package dev.imagegen.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.imagegen.api.support.ApiTest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The OpenAPI document says what the API answers: the same property names, typed answers, and the error answers. */
@ApiTest
class OpenApiDocumentTest {

    /** The operations of tasks and of the page's support, with the ids generated clients name their methods by. */
    private static final Set<String> TASK_AND_ACCOUNT_OPERATIONS = Set.of(
            "submitTask",
            "previewTask",
            "listTasks",
            "getTask",
            "listSubtasks",
            "getSubtask",
            "listTaskLogs",
            "streamTaskEvents",
            "rateSubtask",
            "cancelTask",
            "retryTask",
            "cancelSubtask",
            "retrySubtask",
            "changeTask",
            "deleteTask",
            "getMe",
            "getLimits",
            "getCsrfToken");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    private JsonNode document;

    @BeforeEach
    void readDocument() throws Exception {
        String text = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        Files.writeString(Path.of("target", "openapi-as-served.json"), text);
        document = mapper.readTree(text);
    }

    @Test
    void everyDocumentedRecordHasTheNamesItIsAnsweredWith() throws Exception {
        Map<String, Set<String>> documented = new TreeMap<>();
        Map<String, Set<String>> answered = new TreeMap<>();
        for (Class<?> record : records()) {
            Schema schema = record.getAnnotation(Schema.class);
            String name = schema != null && !schema.name().isEmpty() ? schema.name() : record.getSimpleName();
            JsonNode properties =
                    document.path("components").path("schemas").path(name).path("properties");
            Object instance = emptyInstance(record);
            if (properties.isMissingNode() || instance == null) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            properties.propertyNames().forEach(names::add);
            documented.put(name, names);
            Set<String> written = new TreeSet<>();
            mapper.valueToTree(instance).propertyNames().forEach(written::add);
            answered.put(name, written);
        }
        assertThat(documented).as("records found in the document").containsKeys("TaskAccepted", "Limits", "NewTask");
        assertThat(documented).isEqualTo(answered);
        assertThat(documented.get("TaskAccepted")).contains("total_images", "created_at");
    }

    @Test
    void theTaskAndAccountOperationsAnswerAndTakeRecordsNeverAJsonTree() {
        document.path("paths")
                .forEach(path -> path.forEach(operation -> {
                    String id = operation.path("operationId").asString();
                    if (!TASK_AND_ACCOUNT_OPERATIONS.contains(id)) {
                        return;
                    }
                    assertThat(operation.toString()).as(id).doesNotContain("JsonNode");
                    for (var response : operation.path("responses").properties()) {
                        if (response.getKey().startsWith("2")
                                && !response.getKey().equals("204")) {
                            assertThat(response.getValue().path("content").toString())
                                    .as(id + " " + response.getKey())
                                    .contains("\"$ref\"");
                        }
                    }
                }));
    }

    @Test
    void theTaskAndAccountOperationsHaveTheAgreedIds() {
        List<String> ids = new ArrayList<>();
        document.path("paths")
                .forEach(path -> path.forEach(
                        operation -> ids.add(operation.path("operationId").asString())));
        assertThat(ids).doesNotHaveDuplicates().containsAll(TASK_AND_ACCOUNT_OPERATIONS);
    }

    @Test
    void aSubmissionIsDocumentedAsACreationWithItsLocation() {
        JsonNode submit = document.at("/paths/~1api~1tasks/post");
        assertThat(submit.at("/responses/201/headers/Location").isMissingNode()).isFalse();
        assertThat(submit.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/NewTask");
        assertThat(document.at("/components/schemas/NewTask/example/name").asString())
                .isEqualTo("幻想风景生成任务");
    }

    @Test
    void everyErrorAnswerIsAProblemAndEveryOperationNamesItsOwn() {
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String id = operation.path("operationId").asString();
                    Set<String> codes = new TreeSet<>();
                    operation.path("responses").propertyNames().forEach(codes::add);
                    boolean input = operation.has("requestBody")
                            || !operation.path("parameters").isEmpty();
                    assertThat(codes.contains("400"))
                            .as(id + " documents 400 as it takes input")
                            .isEqualTo(input);
                    assertThat(codes.contains("404"))
                            .as(id + " 404")
                            .isEqualTo(path.getKey().contains("{"));
                    assertThat(codes.contains("401")).as(id + " 401").isEqualTo(!id.equals("getCsrfToken"));
                    for (String code : codes) {
                        if (code.startsWith("4") || code.startsWith("5")) {
                            assertThat(operation
                                            .at("/responses/" + code + "/content/application~1problem+json/schema/$ref")
                                            .asString())
                                    .as(id + " " + code)
                                    .isEqualTo("#/components/schemas/Problem");
                        }
                    }
                }));
        assertThat(document.at("/components/schemas/Problem/properties/errors").isMissingNode())
                .isFalse();
        assertThat(document.at("/paths/~1api~1tasks~1{id}~1cancel/post/responses/409")
                        .isMissingNode())
                .isFalse();
    }

    private static List<Class<?>> records() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent()
                        || definition.getMetadata().isFinal();
            }
        };
        scanner.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getSuperClassName() != null
                && reader.getClassMetadata().getSuperClassName().equals("java.lang.Record"));
        List<Class<?>> records = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.imagegen.api")) {
            records.add(ClassUtils.forName(candidate.getBeanClassName(), OpenApiDocumentTest.class.getClassLoader()));
        }
        return records;
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    /** The record with zeros, false and nulls, or null when its constructor refuses them. */
    private static Object emptyInstance(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = zero(types[i]);
        }
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException refused) {
            return null;
        }
    }
}
