package dev.imagegen.dispatcher;

import static dev.imagegen.dispatcher.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.dispatcher.leader.LeaderElection;
import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.events.SubtaskStatusChanged;
import dev.imagegen.events.TaskStatusChanged;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        properties = {
            "imagegen.dispatcher.slot-name=${imagegen.test.database}",
            "imagegen.dispatcher.heartbeat-interval=500ms"
        })
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherEventsTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String STANDARD = Topics.dispatchTopic("standard_tasks");
    private static final String LUMINA = Topics.dispatchTopic("lumina_tasks");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    LeaderElection leader;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${imagegen.test.database}")
    String slot;

    TestRows rows;
    TopicRecords records;

    @BeforeAll
    void dispatcherIsStreaming() {
        rows = new TestRows(jdbc);
        DispatcherReady.leading(leader, jdbc, slot);
        records = new TopicRecords(
                bootstrapServers, List.of(STANDARD, LUMINA, Topics.TASK_EVENTS, Topics.DISPATCHER_DEAD_LETTER));
    }

    @AfterAll
    void closeConsumer() {
        records.close();
    }

    @Test
    void rowsInsertedInOneTransactionBecomeExactlyThoseRecordsOnTheirQueuesTopics() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(3));
        Map<UUID, Long> queueTaskIds = transaction.execute(tx -> Map.of(
                task.subtaskIds().get(0),
                        rows.enqueue(
                                "standard_tasks",
                                task.taskId(),
                                task.subtaskIds().get(0)),
                task.subtaskIds().get(1),
                        rows.enqueue(
                                "standard_tasks",
                                task.taskId(),
                                task.subtaskIds().get(1)),
                task.subtaskIds().get(2),
                        rows.enqueue(
                                "lumina_tasks", task.taskId(), task.subtaskIds().get(2))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> mine =
                    records.poll(r -> r.value().contains(task.taskId().toString()));
            assertThat(mine).hasSize(3);
            assertThat(mine.stream().filter(r -> r.topic().equals(STANDARD)).map(ConsumerRecord::key))
                    .containsExactlyInAnyOrder(
                            task.subtaskIds().get(0).toString(),
                            task.subtaskIds().get(1).toString());
            assertThat(mine.stream().filter(r -> r.topic().equals(LUMINA)).map(ConsumerRecord::key))
                    .containsExactly(task.subtaskIds().get(2).toString());
        });

        for (ConsumerRecord<String, String> record :
                records.poll(r -> r.value().contains(task.taskId().toString()))) {
            QueueTaskDispatched event = json.readValue(record.value(), QueueTaskDispatched.class);
            UUID subtaskId = UUID.fromString(record.key());
            assertThat(event.subtaskId()).isEqualTo(subtaskId);
            assertThat(event.taskId()).isEqualTo(task.taskId());
            assertThat(event.queueTaskId()).isEqualTo(queueTaskIds.get(subtaskId));
            assertThat(event.schemaVersion()).isEqualTo(QueueTaskDispatched.VERSION);
            assertThat(event.priority()).isEqualTo(2);
            assertThat(event.attempt()).isEqualTo(1);
            assertThat(event.notBefore()).isNull();
            assertThat(Topics.dispatchTopic(event.queueName())).isEqualTo(record.topic());
            assertThat(event.queueId()).isEqualTo(rows.queueId(event.queueName()));
            assertThat(event.enqueuedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(Long.toString(event.queueTaskId()));
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_QUEUE_TASK_DISPATCHED);
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo(CloudEventHeaders.SOURCE_DISPATCHER);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.enqueuedAt());
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        }
    }

    @Test
    void rolledBackInsertsAndUpdatesAreNotDispatched() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(1));
        UUID subtask = task.subtaskIds().getFirst();
        transaction.executeWithoutResult(tx -> {
            rows.enqueue("standard_tasks", task.taskId(), subtask);
            tx.setRollbackOnly();
        });
        long dispatched = transaction.execute(tx -> rows.enqueue("standard_tasks", task.taskId(), subtask));
        jdbc.sql("UPDATE queue_tasks SET status = 'cancelled' WHERE id = :id")
                .param("id", dispatched)
                .update();
        // Same key, same partition: a record for the rolled-back row would come before this marker.
        long marker = transaction.execute(tx -> rows.enqueue("standard_tasks", task.taskId(), subtask));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(records.poll(r -> r.key().equals(subtask.toString())))
                        .extracting(r -> header(r, CloudEventHeaders.ID))
                        .contains(Long.toString(marker)));
        assertThat(records.poll(r -> r.key().equals(subtask.toString())))
                .extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactly(Long.toString(dispatched), Long.toString(marker));
    }

    @Test
    void attemptsDeletedByRetentionAreNeitherDispatchedNorDeadLettered() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(1));
        UUID subtask = task.subtaskIds().getFirst();
        long finished = transaction.execute(tx -> rows.enqueue("standard_tasks", task.taskId(), subtask));
        jdbc.sql("UPDATE subtasks SET status = 'cancelled' WHERE task_id = :task")
                .param("task", task.taskId())
                .update();
        jdbc.sql("""
                        UPDATE queue_tasks SET status = 'cancelled', enqueued_at = now() - interval '40 days',
                                               completed_at = now() - interval '40 days'
                         WHERE id = :id
                        """).param("id", finished).update();
        assertThat(jdbc.sql("SELECT deleted FROM purge_finished_queue_tasks(INTERVAL '30 days', :after, 1000)")
                        .param("after", finished - 1)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // Same key, same partition: a record for the delete would come before this marker.
        long marker = transaction.execute(tx -> rows.enqueue("standard_tasks", task.taskId(), subtask));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(records.poll(r -> r.key().equals(subtask.toString())))
                        .extracting(r -> header(r, CloudEventHeaders.ID))
                        .contains(Long.toString(marker)));
        assertThat(records.poll(r -> r.key().equals(subtask.toString())))
                .extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactly(Long.toString(finished), Long.toString(marker));
        assertThat(records.poll(r -> r.topic().equals(Topics.DISPATCHER_DEAD_LETTER)
                        && r.value().contains(task.taskId().toString())))
                .isEmpty();
        assertThat(leader.isLeading()).isTrue();
    }

    @Test
    void onlyStatusChangesBecomeLifecycleEventsKeyedByTaskWithTheTasksProgress() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(2));
        UUID first = task.subtaskIds().get(0);
        UUID second = task.subtaskIds().get(1);
        setStatus(task.taskId(), first, "processing");
        jdbc.sql("UPDATE subtasks SET evaluation = 'no status change' WHERE task_id = :task")
                .param("task", task.taskId())
                .update();
        setStatus(task.taskId(), first, "completed");
        setStatus(task.taskId(), second, "completed");

        // Within a transaction, the subtask's change comes first, then the task's status change it
        // causes: the task's progress is written as the transaction commits (V163).
        List<String> expected = List.of(
                "subtask %s pending->processing 0".formatted(first),
                "task pending->processing 0",
                "subtask %s processing->completed 50".formatted(first),
                "subtask %s pending->completed 100".formatted(second),
                "task processing->completed 100");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(lifecycleOf(task.taskId())).hasSize(expected.size()));
        assertThat(lifecycleOf(task.taskId())).containsExactlyElementsOf(expected);
        for (ConsumerRecord<String, String> record : records.poll(r -> r.topic().equals(Topics.TASK_EVENTS)
                && r.key().equals(task.taskId().toString()))) {
            assertThat(header(record, CloudEventHeaders.TYPE))
                    .isIn(CloudEventHeaders.TYPE_TASK_STATUS_CHANGED, CloudEventHeaders.TYPE_SUBTASK_STATUS_CHANGED);
            assertThat(header(record, CloudEventHeaders.ID)).isNotBlank();
        }
    }

    @Test
    void aConsumerWithOnlyTheJsonSchemaReadsAndValidatesEveryEvent() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(2));
        transaction.executeWithoutResult(tx -> {
            rows.enqueue("high_priority_tasks", task.taskId(), task.subtaskIds().get(0));
            rows.enqueue("standard_tasks", task.taskId(), task.subtaskIds().get(1));
        });
        setStatus(task.taskId(), task.subtaskIds().get(0), "processing");

        try (SchemaOnlyConsumer otherTeam = new SchemaOnlyConsumer(bootstrapServers)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(otherTeam.poll())
                            .filteredOn(r -> r.value().contains(task.taskId().toString()))
                            .extracting(SchemaOnlyConsumer.Received::topic)
                            .containsExactlyInAnyOrder(
                                    "imagegen.queue.high_priority_tasks",
                                    "imagegen.queue.standard_tasks",
                                    "imagegen.task-events",
                                    "imagegen.task-events"));
            assertThat(otherTeam.poll()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.schemaErrors()).as(r.value()).isEmpty();
                assertThat(r.type()).startsWith("dev.imagegen.");
            });
        }
    }

    @Test
    void changeTimesAreTheSameInstantWhateverTheWritersSessionTimeZone() {
        TestRows.TaskRows task = transaction.execute(tx -> rows.task(1));
        UUID subtask = task.subtaskIds().getFirst();
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL TIME ZONE 'Asia/Shanghai'").update();
            setStatus(task.taskId(), subtask, "processing");
        });
        Instant updatedAt = jdbc.sql("SELECT updated_at FROM subtasks WHERE task_id = :task AND id = :id")
                .param("task", task.taskId())
                .param("id", subtask)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(lifecycleOf(task.taskId())).hasSize(2));
        ConsumerRecord<String, String> subtaskEvent = records.poll(
                        r -> r.topic().equals(Topics.TASK_EVENTS) && r.value().contains(subtask.toString()))
                .getFirst();
        SubtaskStatusChanged event = json.readValue(subtaskEvent.value(), SubtaskStatusChanged.class);
        assertThat(event.changedAt()).isEqualTo(updatedAt);
        assertThat(header(subtaskEvent, CloudEventHeaders.TIME)).endsWith("Z");
    }

    @Test
    void heartbeatsAdvanceTheSlotPastWalWrittenForOtherTables() {
        jdbc.sql("UPDATE task_queues SET description = description || '' WHERE name = 'standard_tasks'")
                .update();
        String written = jdbc.sql("SELECT pg_current_wal_lsn()::text")
                .query(String.class)
                .single();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                                SELECT confirmed_flush_lsn >= CAST(:written AS pg_lsn)
                                  FROM pg_replication_slots WHERE slot_name = :slot
                                """)
                        .param("written", written)
                        .param("slot", slot)
                        .query(Boolean.class)
                        .single());
    }

    private void setStatus(UUID taskId, UUID subtaskId, String status) {
        jdbc.sql("UPDATE subtasks SET status = :status::subtask_status WHERE task_id = :task AND id = :id")
                .param("status", status)
                .param("task", taskId)
                .param("id", subtaskId)
                .update();
    }

    /** The task's lifecycle records, in partition order, as "kind [subtask] old->new progress". */
    private List<String> lifecycleOf(UUID taskId) {
        return records.poll(r -> r.topic().equals(Topics.TASK_EVENTS) && r.key().equals(taskId.toString())).stream()
                .map(r -> {
                    JsonNode event = json.readTree(r.value());
                    return event.get("type").asString().equals(TaskStatusChanged.TYPE)
                            ? "task %s->%s %d"
                                    .formatted(
                                            event.get("old_status").asString(),
                                            event.get("new_status").asString(),
                                            event.get("progress").asInt())
                            : "subtask %s %s->%s %d"
                                    .formatted(
                                            event.get("subtask_id").asString(),
                                            event.get("old_status").asString(),
                                            event.get("new_status").asString(),
                                            event.get("task_progress").asInt());
                })
                .toList();
    }
}
