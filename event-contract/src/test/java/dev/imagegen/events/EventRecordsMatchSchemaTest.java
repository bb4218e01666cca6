package dev.imagegen.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The records and the published JSON Schemas cannot drift apart: each side is checked against the other. */
class EventRecordsMatchSchemaTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Schema dispatchSchema = schema("contract/queue-task-dispatched.v1.schema.json");
    private static final Schema taskEventsSchema = schema("contract/task-events.v1.schema.json");

    private static final UUID taskId = UUID.randomUUID();
    private static final UUID subtaskId = UUID.randomUUID();
    private static final Instant now = Instant.parse("2026-11-23T16:20:01.123456Z");

    @Test
    void dispatchedEventsValidateWithAndWithoutNotBefore() {
        for (Instant notBefore : new Instant[] {null, now.plusSeconds(30)}) {
            QueueTaskDispatched event = new QueueTaskDispatched(
                    QueueTaskDispatched.VERSION, 42, subtaskId, taskId, 1, "standard_tasks", 3, 2, notBefore, now);
            String text = json.writeValueAsString(event);

            assertThat(errors(dispatchSchema, text)).isEmpty();
            assertThat(json.readValue(text, QueueTaskDispatched.class)).isEqualTo(event);
        }
    }

    @Test
    void taskAndSubtaskStatusChangesValidateAgainstTheLifecycleSchema() {
        TaskStatusChanged task = new TaskStatusChanged(
                TaskStatusChanged.VERSION, TaskStatusChanged.TYPE, taskId, "processing", "completed", 100, 4, 4, now);
        SubtaskStatusChanged subtask = new SubtaskStatusChanged(
                SubtaskStatusChanged.VERSION,
                SubtaskStatusChanged.TYPE,
                taskId,
                subtaskId,
                "pending",
                "processing",
                0,
                now,
                25);

        assertThat(errors(taskEventsSchema, json.writeValueAsString(task))).isEmpty();
        assertThat(errors(taskEventsSchema, json.writeValueAsString(subtask))).isEmpty();
        assertThat(json.readValue(json.writeValueAsString(task), TaskStatusChanged.class))
                .isEqualTo(task);
        assertThat(json.readValue(json.writeValueAsString(subtask), SubtaskStatusChanged.class))
                .isEqualTo(subtask);
    }

    @Test
    void schemasRejectEventsThatBreakTheContract() {
        String missingQueueName = """
                {"schema_version":1,"queue_task_id":1,"subtask_id":"%s","task_id":"%s","queue_id":1,
                 "priority":1,"attempt":1,"not_before":null,"enqueued_at":"2026-11-23T16:20:01Z"}
                """.formatted(subtaskId, taskId);
        String unknownStatus = """
                {"schema_version":1,"type":"task.status_changed","task_id":"%s","old_status":"pending",
                 "new_status":"exploded","progress":0,"processed_images":0,"total_images":1,
                 "changed_at":"2026-11-23T16:20:01Z"}
                """.formatted(taskId);

        assertThat(errors(dispatchSchema, missingQueueName)).isNotEmpty();
        assertThat(errors(taskEventsSchema, unknownStatus)).isNotEmpty();
    }

    @Test
    void everyRecordFieldIsRequiredByItsSchemaAndNothingElse() {
        JsonNode dispatch = schemaNode("contract/queue-task-dispatched.v1.schema.json");
        JsonNode events = schemaNode("contract/task-events.v1.schema.json").get("$defs");

        assertThat(required(dispatch)).isEqualTo(fields(QueueTaskDispatched.class));
        assertThat(required(events.get("task_status_changed"))).isEqualTo(fields(TaskStatusChanged.class));
        assertThat(required(events.get("subtask_status_changed"))).isEqualTo(fields(SubtaskStatusChanged.class));
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new HashSet<>();
        schema.get("required").forEach(n -> names.add(n.asString()));
        assertThat(names).isEqualTo(schema.get("properties").propertyNames());
        return names;
    }

    private static Set<String> fields(Class<? extends Record> type) {
        return new HashSet<>(Arrays.stream(type.getRecordComponents())
                .map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value())
                .toList());
    }

    private static List<Error> errors(Schema schema, String text) {
        return schema.validate(text, InputFormat.JSON);
    }

    private static Schema schema(String resource) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        return registry.getSchema(schemaNode(resource));
    }

    private static JsonNode schemaNode(String resource) {
        try (InputStream in = EventRecordsMatchSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
