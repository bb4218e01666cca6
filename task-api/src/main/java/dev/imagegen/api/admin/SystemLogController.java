package dev.imagegen.api.admin;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** The services' own log (system_logs), newest first, for admins. */
@RestController
@Tag(name = "admin", description = "The services' log and the database's consistency checks (admins)")
class SystemLogController {

    static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    private static final String SELECT_LOGS = """
            SELECT %s
              FROM system_logs l
             WHERE (CAST(:level AS text) IS NULL OR l.log_level = :level)
               AND (CAST(:component AS text) IS NULL OR l.component = :component)
               AND (CAST(:after AS bigint) IS NULL
                    OR (l.created_at, l.id) < (SELECT a.created_at, a.id FROM system_logs a WHERE a.id = :after))
             ORDER BY l.created_at DESC, l.id DESC
             LIMIT :limit
            """.formatted(SystemLogEntry.COLUMNS);

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    SystemLogController(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @GetMapping("/api/system-logs")
    @Operation(
            operationId = "listSystemLogs",
            summary = "System log entries newest first, by level and component; page with after = the next of the"
                    + " previous page")
    Page<SystemLogEntry> logs(
            @Parameter(schema = @Schema(allowableValues = {"DEBUG", "INFO", "WARN", "ERROR"}))
                    @RequestParam(required = false)
                    String level,
            @Parameter(description = "a service's name", example = "dispatcher") @RequestParam(required = false)
                    String component,
            @Parameter(description = "the next of the previous page") @RequestParam(required = false) Long after,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "100"))
                    @RequestParam(defaultValue = "100")
                    int limit) {
        List<FieldProblem> problems = new ArrayList<>();
        if (level != null && !LEVELS.contains(level)) {
            problems.add(new FieldProblem("level", "must be one of " + LEVELS));
        }
        if (component != null && (component.isEmpty() || component.length() > 50)) {
            problems.add(new FieldProblem("component", "must be 1 to 50 characters"));
        }
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + Page.MAX_LIMIT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("level", level);
        params.put("component", component);
        params.put("after", after);
        params.put("limit", limit);
        List<SystemLogEntry> entries = jdbc.sql(SELECT_LOGS)
                .params(params)
                .query((rs, row) -> SystemLogEntry.read(rs, mapper))
                .list();
        return Page.of(entries, limit, entry -> String.valueOf(entry.id()));
    }
}
