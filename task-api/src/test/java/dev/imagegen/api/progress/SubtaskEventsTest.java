package dev.imagegen.api.progress;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.events.SubtaskStatusChanged;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.TestServers;
import dev.imagegen.testservers.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subtasks events of the task stream, through MockMvc, the real PostgreSQL and the real broker: a status change
 * announced on the lifecycle topic and a rating made through the API both reach the stream as the subtask's current
 * row, coalesced, and many streams cost one query per tick.
 */
@dev.imagegen.api.support.ApiTest
@UsesRealServers(kafka = true)
class SubtaskEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    LifecycleFeed feed;

    @Autowired
    LiveReads reads;

    @BeforeAll
    static void createTheLifecycleTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.TASK_EVENTS, 2, (short) 1)))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    UUID taskOf(int subtasks) {
        UUID task = accounts.taskOf(USER, "pictures");
        jdbc.sql("INSERT INTO subtasks (task_id) SELECT :id FROM generate_series(1, :n)")
                .param("id", task)
                .param("n", subtasks)
                .update();
        return task;
    }

    List<UUID> subtasksOf(UUID task) {
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = :id ORDER BY id")
                .param("id", task)
                .query(UUID.class)
                .list();
    }

    MvcResult open(UUID task) throws Exception {
        MvcResult stream = mvc.perform(get("/api/tasks/" + task + "/events").with(as(USER)))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10)).until(() -> text(stream).contains("event:progress"));
        return stream;
    }

    static String text(MvcResult stream) throws Exception {
        return stream.getResponse().getContentAsString();
    }

    /**
     * Every change of every complete subtasks event so far, in order. An event is complete once the
     * blank line that ends it is written: the stream is read while the server writes it, and an
     * event's name, its data and its end are written one after another.
     */
    static List<JsonNode> changes(MvcResult stream) throws Exception {
        List<JsonNode> changes = new java.util.ArrayList<>();
        String text = text(stream);
        String[] events = text.split("\n\n", -1);
        for (int e = 0; e < events.length - 1; e++) {
            String[] lines = events[e].split("\n");
            for (int i = 0; i < lines.length - 1; i++) {
                if (lines[i].equals("event:subtasks") && lines[i + 1].startsWith("data:")) {
                    JSON.readTree(lines[i + 1].substring(5)).get("changes").forEach(changes::add);
                }
            }
        }
        return changes;
    }

    static void announce(UUID task, UUID subtask, String from, String to) throws Exception {
        SubtaskStatusChanged event = new SubtaskStatusChanged(
                SubtaskStatusChanged.VERSION, SubtaskStatusChanged.TYPE, task, subtask, from, to, 0, Instant.now(), 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestServers.kafka().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TASK_EVENTS, task.toString(), JSON.writeValueAsString(event)))
                    .get();
        }
    }

    @Test
    void aStatusChangeOnTheLifecycleTopicReachesTheStreamAsTheSubtasksCurrentRow() throws Exception {
        UUID task = taskOf(3);
        UUID subtask = subtasksOf(task).getFirst();
        MvcResult stream = open(task);
        await().atMost(Duration.ofSeconds(30)).until(feed::following);

        jdbc.sql("""
                        UPDATE subtasks SET status = 'completed', retry_count = 1,
                               result = '{"url": "/images/a.png", "metadata": {"prompt": "secret words"},
                                          "images": [{"url": "/images/a.png", "width": 64, "height": 32,
                                                      "seed": 7, "extra": 1}]}'
                         WHERE task_id = :task AND id = :id
                        """).param("task", task).param("id", subtask).update();
        announce(task, subtask, "processing", "completed");

        await().atMost(Duration.ofSeconds(10)).until(() -> !changes(stream).isEmpty());
        JsonNode change = changes(stream).getFirst();
        assertThat(change.get("id").asString()).isEqualTo(subtask.toString());
        assertThat(change.get("status").asString()).isEqualTo("completed");
        assertThat(change.get("retry_count").asInt()).isEqualTo(1);
        assertThat(change.get("rating").asString()).isEqualTo("unrated");
        assertThat(change.get("images").get(0).get("url").asString()).isEqualTo("/images/a.png");
        assertThat(change.get("images").get(0).get("width").asInt()).isEqualTo(64);
        assertThat(change.get("updated_at").isNull()).isFalse();
        assertThat(text(stream)).doesNotContain("secret words").doesNotContain("extra");
    }

    @Test
    void aRatingThroughTheApiReachesTheStreamWithoutTheTopic() throws Exception {
        UUID task = taskOf(2);
        UUID subtask = subtasksOf(task).getFirst();
        jdbc.sql("UPDATE subtasks SET status = 'completed' WHERE task_id = :task AND id = :id")
                .param("task", task)
                .param("id", subtask)
                .update();
        MvcResult stream = open(task);

        mvc.perform(put("/api/tasks/" + task + "/subtasks/" + subtask + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"good\", \"evaluation\": \"sharp\"}"))
                .andExpect(status().is2xxSuccessful());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(changes(stream)).anySatisfy(change -> {
                    assertThat(change.get("id").asString()).isEqualTo(subtask.toString());
                    assertThat(change.get("rating").asString()).isEqualTo("good");
                    assertThat(change.get("evaluation").asString()).isEqualTo("sharp");
                }));
    }

    @Test
    void changesOfOneTickAreCoalescedAndManyStreamsShareOneQuery() throws Exception {
        UUID task = taskOf(4);
        List<UUID> subtasks = subtasksOf(task);
        List<MvcResult> streams = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(open(task));
        }
        await().atMost(Duration.ofSeconds(30)).until(feed::following);
        long before = reads.queries();
        long started = System.nanoTime();

        // Three announcements of the same subtask and one of another, all before the next tick reads them.
        for (String rating : List.of("poor", "good")) {
            jdbc.sql("UPDATE subtasks SET status = 'completed', rating = CAST(:r AS quality_rating)"
                            + " WHERE task_id = :task AND id = :id")
                    .param("r", rating)
                    .param("task", task)
                    .param("id", subtasks.get(0))
                    .update();
        }
        jdbc.sql("UPDATE subtasks SET status = 'failed', error = 'boom' WHERE task_id = :task AND id = :id")
                .param("task", task)
                .param("id", subtasks.get(1))
                .update();
        announce(task, subtasks.get(0), "pending", "processing");
        announce(task, subtasks.get(0), "processing", "completed");
        announce(task, subtasks.get(1), "pending", "failed");

        for (MvcResult stream : streams) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> changes(stream).stream()
                                    .map(change -> change.get("id").asString())
                                    .distinct()
                                    .count()
                            == 2);
            List<JsonNode> seen = changes(stream);
            // The latest row, whichever event named it: never an older state after a newer one.
            assertThat(seen.getLast().path("status").asString()).isIn("completed", "failed");
            assertThat(seen)
                    .filteredOn(
                            c -> c.get("id").asString().equals(subtasks.get(0).toString()))
                    .last()
                    .satisfies(c -> assertThat(c.get("rating").asString()).isEqualTo("good"));
            assertThat(seen)
                    .filteredOn(
                            c -> c.get("id").asString().equals(subtasks.get(1).toString()))
                    .last()
                    .satisfies(c -> assertThat(c.get("error").asString()).isEqualTo("boom"));
        }
        // 20 streams: the reads are those of the ticks (4 + 2 a second at most), not of the streams.
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(reads.queries() - before).isLessThanOrEqualTo((long) Math.ceil(seconds * 6) + 2);
    }
}
