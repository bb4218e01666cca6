package dev.imagegen.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** One row of system_logs: what a service (or the database, by trigger) reported, and when. */
@Schema(description = "An entry of the services' own log")
record SystemLogEntry(
        @Schema(description = "The entry's id; pass the last one's as after to page on", example = "4211")
        long id,

        @Schema(
                description = "Severity",
                allowableValues = {"DEBUG", "INFO", "WARN", "ERROR"},
                example = "WARN")
        String logLevel,

        @Schema(
                description = "The service that wrote it (its name in pg_stat_activity), or database for a change"
                        + " made in a session that named none",
                example = "task_api")
        String component,

        @Schema(description = "What happened, in one line", example = "queue lumina_tasks: max_concurrent_tasks 5 → 3")
        String message,

        @Schema(
                description =
                        "Facts of the entry, by name (who changed what, old and new values, the failing" + " request)",
                nullable = true,
                example = "{\"queue\": \"lumina_tasks\", \"changed_by\": \"manager\","
                        + " \"max_concurrent_tasks\": {\"old\": 5, \"new\": 3}}")
        Map<String, Object> details,

        @Schema(description = "When it was written") OffsetDateTime createdAt) {

    // details is an object wherever the services and triggers write it; anything else a hand-written row holds is
    // shown under "value" rather than failing the page.
    static final String COLUMNS = """
            l.id, l.log_level, l.component, l.message,
            (CASE WHEN l.details IS NULL OR jsonb_typeof(l.details) = 'object' THEN l.details
                  ELSE jsonb_build_object('value', l.details) END)::text AS details,
            l.created_at""";

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    static SystemLogEntry read(ResultSet rs, ObjectMapper mapper) throws SQLException {
        String details = rs.getString("details");
        return new SystemLogEntry(
                rs.getLong("id"),
                rs.getString("log_level"),
                rs.getString("component"),
                rs.getString("message"),
                details == null ? null : mapper.readValue(details, OBJECT),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
