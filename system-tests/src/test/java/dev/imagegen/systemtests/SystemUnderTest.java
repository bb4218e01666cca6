package dev.imagegen.systemtests;

import dev.imagegen.api.TaskApiApplication;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in this JVM, started once for every browser test: a fresh database on the shared
 * PostgreSQL server, the shared Kafka broker, and task-api on a random port with the demo accounts
 * (password = user name).
 */
final class SystemUnderTest {

    private static SystemUnderTest started;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final String baseUrl;
    private final TestDatabase database;

    private SystemUnderTest() {
        database = TestServers.postgres().migratedDatabase("system_tests");
        String kafka = TestServers.kafka().bootstrapServers();
        Map<String, Object> api = common(database, kafka, "imagegen-task-api");
        api.put("imagegen.api.security.admin-password", "admin");
        api.put("imagegen.api.security.demo-users", "true");
        api.put("imagegen.api.security.bcrypt-strength", "4");
        ConfigurableApplicationContext taskApi = AppContexts.start(api, TaskApiApplication.class, PagePermits.class);
        contexts.add(taskApi);
        baseUrl = "http://localhost:" + AppContexts.port(taskApi) + "/";
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "system-under-test-stop"));
    }

    static synchronized SystemUnderTest get() {
        if (started == null) {
            started = new SystemUnderTest();
        }
        return started;
    }

    String baseUrl() {
        return baseUrl;
    }

    TestDatabase database() {
        return database;
    }

    private static Map<String, Object> common(TestDatabase database, String kafka, String name) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.application.name", name);
        properties.put("server.port", "0");
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

    private void stop() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
