package dev.imagegen.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Runs the database's consistency checks, or with {@code fix=true} its repairs, and shows what was found. */
@RestController
@Tag(name = "admin")
class ConsistencyController {

    private static final String CHECK_TASKS = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text FROM check_task_progress_consistency() c
            """;
    private static final String CHECK_QUEUES = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text FROM check_queue_concurrency_consistency() c
            """;
    private static final String FIX_TASKS = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text FROM fix_task_progress_inconsistencies() c
            """;
    private static final String FIX_QUEUES = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text
              FROM fix_queue_concurrency_inconsistencies() c
            """;

    private static final String CHECK_GALLERY = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text FROM check_gallery_counters_consistency() c
            """;
    private static final String FIX_GALLERY = """
            SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text FROM fix_gallery_counter_inconsistencies() c
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    ConsistencyController(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @PostMapping("/api/admin/consistency")
    @Transactional
    @Operation(summary = "Tasks, queues and gallery counters that drifted from a recount; fix=true repairs them")
    JsonNode check(@RequestParam(defaultValue = "false") boolean fix) {
        ObjectNode found = mapper.createObjectNode();
        found.put("fixed", fix);
        found.set("tasks", run(fix ? FIX_TASKS : CHECK_TASKS));
        found.set("queues", run(fix ? FIX_QUEUES : CHECK_QUEUES));
        found.set("gallery", run(fix ? FIX_GALLERY : CHECK_GALLERY));
        return found;
    }

    private JsonNode run(String sql) {
        return mapper.readTree(jdbc.sql(sql).query(String.class).single());
    }
}
