package dev.imagegen.worker.backend;

import dev.imagegen.worker.WorkerProperties;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what each endpoint name (default, ops, dev) runs on in this worker to
 * {@code backend_endpoints} when the worker is ready, so the API can refuse a task's parameters
 * its endpoint cannot send. A name this worker does not configure is served by its default.
 */
@Component
class EndpointRegistration {

    private static final Logger log = LoggerFactory.getLogger(EndpointRegistration.class);

    static final List<String> NAMES = List.of("default", "ops", "dev");

    private static final String UPSERT = """
            INSERT INTO backend_endpoints (name, backend_type, model, supported_parameters, registered_by, updated_at)
            VALUES (:name, :type, :model, CAST(:parameters AS jsonb), :worker, now())
            ON CONFLICT (name) DO UPDATE
               SET backend_type = EXCLUDED.backend_type, model = EXCLUDED.model,
                   supported_parameters = EXCLUDED.supported_parameters,
                   registered_by = EXCLUDED.registered_by, updated_at = now()
            """;

    private final ImageBackends backends;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String workerId;

    EndpointRegistration(ImageBackends backends, JdbcClient jdbc, JsonMapper json, WorkerProperties properties) {
        this.backends = backends;
        this.jdbc = jdbc;
        this.json = json;
        this.workerId = properties.id();
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        try {
            for (String name : NAMES) {
                ImageBackend backend = backends.forMakeApiQueue(name.equals("default") ? null : name)
                        .backend();
                jdbc.sql(UPSERT)
                        .param("name", name)
                        .param("type", backend.type())
                        .param("model", backend.model())
                        .param("parameters", json.writeValueAsString(new TreeSet<>(backend.supportedParameters())))
                        .param("worker", workerId)
                        .update();
            }
        } catch (RuntimeException e) {
            // The API then checks parameters without knowing the endpoint; generation is unaffected.
            log.warn("Could not record the backend endpoints: {}", e.getMessage());
        }
    }
}
