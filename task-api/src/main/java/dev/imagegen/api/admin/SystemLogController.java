package dev.imagegen.api.admin;

import dev.imagegen.api.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The services' own log (system_logs), newest first, for admins. */
@RestController
@Tag(name = "admin")
class SystemLogController {

    private static final int MAX_LIMIT = 500;

    private static final String SELECT_LOGS = """
            SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.created_at DESC, d.id DESC), '[]'::jsonb)::text
              FROM (SELECT l.id, l.log_level, l.component, l.message, l.details, l.created_at
                      FROM system_logs l
                     WHERE (CAST(:level AS text) IS NULL OR l.log_level = :level)
                       AND (CAST(:component AS text) IS NULL OR l.component = :component)
                       AND (CAST(:after AS bigint) IS NULL
                            OR (l.created_at, l.id) < (SELECT a.created_at, a.id FROM system_logs a WHERE a.id = :after))
                     ORDER BY l.created_at DESC, l.id DESC
                     LIMIT :limit) d
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    SystemLogController(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @GetMapping("/api/system-logs")
    @Operation(summary = "System log rows newest first, by level and component; page with after = the last id")
    JsonNode logs(
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String component,
            @RequestParam(required = false) Long after,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("level", level);
        params.put("component", component);
        params.put("after", after);
        params.put("limit", limit);
        JsonNode items = mapper.readTree(
                jdbc.sql(SELECT_LOGS).params(params).query(String.class).single());
        ObjectNode page = mapper.createObjectNode();
        page.set("items", items);
        page.set("next", items.size() == limit ? items.get(limit - 1).get("id") : null);
        return page;
    }
}
