package dev.imagegen.systemtests;

import dev.imagegen.api.TaskApiApplication;
import dev.imagegen.dispatcher.DispatcherApplication;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import dev.imagegen.worker.GeneratorWorkerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in this JVM, started once for every browser test: a fresh database on the shared
 * PostgreSQL server, the shared Kafka broker, task-api on a random port with the demo accounts
 * (password = user name), the dispatcher, and one generator worker whose built-in renderer takes
 * a little time per image, as a real backend would. Each app serves its Actuator on a port of its own.
 */
final class SystemUnderTest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemUnderTest.class);

    /**
     * The apps share this JVM's classpath, where task-api brings Spring Security: the dispatcher and
     * the worker leave it out, as their own jars do, so their Actuator answers without a login.
     */
    private static final String WITHOUT_SECURITY = String.join(
            ",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

    private static SystemUnderTest started;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final String baseUrl;
    private final String dispatcherUrl;
    private final String workerUrl;
    private final TestDatabase database;

    private SystemUnderTest() {
        long begin = System.nanoTime();
        database = TestServers.postgres().migratedDatabase("system_tests");
        String kafka = TestServers.kafka().bootstrapServers();

        Map<String, Object> api = common(database, kafka, "imagegen-task-api");
        api.put("imagegen.api.security.admin-password", "admin");
        api.put("imagegen.api.security.demo-users", "true");
        api.put("imagegen.api.security.bcrypt-strength", "4");
        // The worker writes images where task-api serves them from.
        String images = Path.of("target", "images").toAbsolutePath().toString();
        api.put("imagegen.api.images.directory", images);
        ConfigurableApplicationContext taskApi = AppContexts.start(api, TaskApiApplication.class);
        contexts.add(taskApi);
        baseUrl = "http://localhost:" + AppContexts.port(taskApi) + "/";

        Map<String, Object> dispatcher = common(database, kafka, "imagegen-dispatcher");
        dispatcher.put("imagegen.dispatcher.name", "system-tests-dispatcher");
        dispatcher.put("imagegen.dispatcher.slot-name", "system_tests_dispatcher");
        dispatcher.put("imagegen.dispatcher.topic-partitions", "2");
        dispatcher.put("imagegen.dispatcher.sample-interval", "500ms");
        dispatcher.put("spring.autoconfigure.exclude", WITHOUT_SECURITY);
        ConfigurableApplicationContext dispatcherContext = AppContexts.start(dispatcher, DispatcherApplication.class);
        contexts.add(dispatcherContext);
        dispatcherUrl = "http://localhost:" + AppContexts.port(dispatcherContext) + "/";

        Map<String, Object> worker = common(database, kafka, "imagegen-generator-worker");
        worker.put("imagegen.worker.id", "system-tests-worker");
        worker.put("imagegen.worker.group-id", "system-tests-workers");
        worker.put("imagegen.worker.backends.default.type", "builtin");
        worker.put("imagegen.worker.backends.default.latency", "300ms");
        // Tasks sent to the "dev" endpoint run fast: a 10,000-subtask task really moves while a test watches it.
        worker.put("imagegen.worker.backends.dev.type", "builtin");
        worker.put("imagegen.worker.backends.dev.latency", "20ms");
        worker.put("imagegen.worker.storage.directory", images);
        worker.put("imagegen.worker.shutdown-timeout", "2s");
        worker.put("spring.autoconfigure.exclude", WITHOUT_SECURITY);
        // New queue topics are found within this time (the worker subscribes by pattern).
        worker.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        ConfigurableApplicationContext workerContext = AppContexts.start(worker, GeneratorWorkerApplication.class);
        contexts.add(workerContext);
        workerUrl = "http://localhost:" + AppContexts.port(workerContext) + "/";
        log.info("System under test ready at {} in {} ms", baseUrl, (System.nanoTime() - begin) / 1_000_000);
    }

    /** The running system, started on first call; stopped by {@link StopSystemAfterTests} when all tests are done. */
    static synchronized SystemUnderTest get() {
        if (started == null) {
            started = new SystemUnderTest();
        }
        return started;
    }

    /** Stops the system if a test started it; the shared servers stop later, with the JVM. */
    static synchronized void stopIfStarted() {
        if (started != null) {
            started.close();
            started = null;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The base URLs of task-api, the dispatcher and the worker, by service. */
    Map<String, String> serviceUrls() {
        return Map.of("task-api", baseUrl, "dispatcher", dispatcherUrl, "generator-worker", workerUrl);
    }

    TestDatabase database() {
        return database;
    }

    private static Map<String, Object> common(TestDatabase database, String kafka, String name) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.application.name", name);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.kafka.bootstrap-servers", kafka);
        // The test kit migrated the database already.
        properties.put("spring.flyway.enabled", "false");
        properties.put("spring.jmx.enabled", "false");
        // Selenium warns on every browser start that it has no DevTools binding for this Chromium; the tests use none.
        properties.put("logging.level.org.openqa.selenium.devtools", "ERROR");
        properties.put("logging.level.org.openqa.selenium.chromium", "ERROR");
        return properties;
    }

    @Override
    public synchronized void close() {
        log.info("Stopping the system under test");
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        contexts.clear();
    }
}
