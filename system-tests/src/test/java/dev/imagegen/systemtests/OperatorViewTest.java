package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.events.Topics;
import dev.imagegen.testservers.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's view holds together: every metric the Grafana dashboard and the alert rules query
 * is on some service's {@code /actuator/prometheus}, and the rules pass promtool and their unit tests.
 */
class OperatorViewTest {

    static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    static final Path DASHBOARD = DOCS.resolve("grafana/imagegen.json");
    static final Path RULES = DOCS.resolve("prometheus/imagegen-alerts.yml");
    static final Path RULE_TESTS = DOCS.resolve("prometheus/imagegen-alerts.test.yml");

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricTheDashboardAndTheAlertRulesQueryIsServedByAService() throws Exception {
        SystemUnderTest system = SystemUnderTest.get();
        Set<String> queried = new TreeSet<>(metricsOfDashboard());
        queried.addAll(metricsOfRules());
        assertThat(queried).contains("imagegen_queue_pending_attempts", "imagegen_worker_dead_letters_total");

        // A task makes claims and generations, an unreadable record a dead letter: their counters appear.
        submitTask(system.baseUrl());
        sendUnreadableDispatchRecord();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Set<String> served = new TreeSet<>();
            for (String url : system.serviceUrls().values()) {
                served.addAll(metricsServedAt(url));
            }
            assertThat(served).containsAll(queried);
        });
        // The rules tell the workers apart by the application tag every app puts on its meters.
        assertThat(scrape(system.serviceUrls().get("generator-worker")))
                .contains("application_ready_time_seconds{application=\"imagegen-generator-worker\"");
    }

    @Test
    void theExtractorFindsMetricNamesAndLeavesOutLabelsFunctionsAndKeywords() {
        assertThat(PromQlMetrics.in("""
                        max by (queue) (a_seconds{status=~"5..", x="y z"}) > 300
                          and on (queue) sum by (le) (rate(b_total[$__rate_interval] offset 10m)) > 0
                          unless on () count(c{application="w"}) > 0 or absent(d) or histogram_quantile(0.99, e_bucket)
                        """)).containsExactlyInAnyOrder("a_seconds", "b_total", "c", "d", "e_bucket");
    }

    @Test
    void theAlertRulesPassPromtoolAndTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 5 rules found");
        assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
    }

    private static Set<String> metricsOfDashboard() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode target : JsonMapper.builder()
                .build()
                .readTree(Files.readString(DASHBOARD))
                .findValues("targets")) {
            for (JsonNode query : target) {
                names.addAll(PromQlMetrics.in(query.get("expr").asString()));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> metricsOfRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                names.addAll(PromQlMetrics.in((String) rule.get("expr")));
            }
        }
        return names;
    }

    private Set<String> metricsServedAt(String baseUrl) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : scrape(baseUrl).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private String scrape(String baseUrl) throws Exception {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode())
                .as(baseUrl + " "
                        + scrape.body().substring(0, Math.min(300, scrape.body().length())))
                .isEqualTo(200);
        return scrape.body();
    }

    private void submitTask(String baseUrl) throws Exception {
        String basic = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "api/tasks"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"name": "metered", "prompts": [{"type": "prompt", "value": "a red bicycle"}]}
                                """))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static void sendUnreadableDispatchRecord() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.dispatchTopic("standard_tasks"), "k", "this is not json"))
                    .get();
        }
    }

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("promtool.binary", "promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(DOCS.resolve("prometheus").toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
