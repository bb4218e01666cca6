package dev.imagegen.api.submit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a backend endpoint can do, as its workers recorded it in {@code backend_endpoints} when they
 * started. Empty when no worker has recorded that endpoint yet: then no parameter is refused for it.
 */
@Component
class EndpointCapabilities {

    /** An endpoint's backend type and the parameter names it sends. */
    record Endpoint(String name, String backendType, Set<String> supportedParameters) {}

    private static final String FIND = """
            SELECT backend_type, supported_parameters::text FROM backend_endpoints WHERE name = :name
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    EndpointCapabilities(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Adds a problem for each parameter the endpoint serving {@code makeApiQueue} cannot send. */
    void refuseUnsupported(Map<String, TaskSubmission.Setting> parameters, String makeApiQueue, Problems problems) {
        if (parameters.isEmpty()) {
            return;
        }
        of(makeApiQueue).ifPresent(endpoint -> {
            for (String name : parameters.keySet()) {
                if (!endpoint.supportedParameters().contains(name)) {
                    problems.add(
                            "$.parameters." + name,
                            "is not supported by the task's endpoint " + endpoint.name() + " (" + endpoint.backendType()
                                    + "); it supports " + endpoint.supportedParameters());
                }
            }
        });
    }

    /** The endpoint serving {@code makeApiQueue} (null is "default"). */
    Optional<Endpoint> of(String makeApiQueue) {
        String name = makeApiQueue == null ? "default" : makeApiQueue;
        return jdbc.sql(FIND)
                .param("name", name)
                .query((rs, n) -> {
                    Set<String> supported = new TreeSet<>();
                    for (JsonNode parameter : mapper.readTree(rs.getString(2))) {
                        supported.add(parameter.asString(""));
                    }
                    return new Endpoint(name, rs.getString(1), supported);
                })
                .optional();
    }
}
