package dev.imagegen.api.admin;

import dev.imagegen.api.admin.ConsistencyReport.GalleryDrift;
import dev.imagegen.api.admin.ConsistencyReport.QueueDrift;
import dev.imagegen.api.admin.ConsistencyReport.TaskDrift;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs the database's consistency checks, or with {@code fix=true} its repairs, and shows what was found. */
@RestController
@Tag(name = "admin")
class ConsistencyController {

    private static final String TASK_COLUMNS = """
            SELECT c.task_id, c.total_images, c.expected_total_images, c.processed_images, c.expected_processed_images,
                   c.progress, c.expected_progress, c.status::text AS status, c.expected_status::text AS expected_status
            """;
    private static final String QUEUE_COLUMNS =
            "SELECT c.queue_id, c.queue_name, c.current_concurrent_tasks, c.expected_concurrent_tasks";
    private static final String GALLERY_COLUMNS = "SELECT c.kind, c.record_id, c.counter, c.actual, c.expected";

    private static final String CHECK_TASKS = TASK_COLUMNS + " FROM check_task_progress_consistency() c";
    private static final String FIX_TASKS = TASK_COLUMNS + " FROM fix_task_progress_inconsistencies() c";
    private static final String CHECK_QUEUES = QUEUE_COLUMNS + " FROM check_queue_concurrency_consistency() c";
    private static final String FIX_QUEUES = QUEUE_COLUMNS + " FROM fix_queue_concurrency_inconsistencies() c";
    private static final String CHECK_GALLERY = GALLERY_COLUMNS + " FROM check_gallery_counters_consistency() c";
    private static final String FIX_GALLERY = GALLERY_COLUMNS + " FROM fix_gallery_counter_inconsistencies() c";

    private final JdbcClient jdbc;

    ConsistencyController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/api/admin/consistency")
    @Transactional
    @Operation(
            operationId = "checkConsistency",
            summary = "Tasks, queues and gallery counters that drifted from a recount; fix=true repairs them")
    ConsistencyReport check(
            @Parameter(description = "true: repair what drifted, and list what was repaired")
                    @RequestParam(defaultValue = "false")
                    boolean fix) {
        return new ConsistencyReport(
                fix,
                jdbc.sql(fix ? FIX_TASKS : CHECK_TASKS)
                        .query((rs, row) -> new TaskDrift(
                                rs.getObject("task_id", UUID.class),
                                rs.getInt("total_images"),
                                rs.getInt("expected_total_images"),
                                rs.getInt("processed_images"),
                                rs.getInt("expected_processed_images"),
                                rs.getInt("progress"),
                                rs.getInt("expected_progress"),
                                rs.getString("status"),
                                rs.getString("expected_status")))
                        .list(),
                jdbc.sql(fix ? FIX_QUEUES : CHECK_QUEUES)
                        .query((rs, row) -> new QueueDrift(
                                rs.getInt("queue_id"),
                                rs.getString("queue_name"),
                                rs.getInt("current_concurrent_tasks"),
                                rs.getInt("expected_concurrent_tasks")))
                        .list(),
                jdbc.sql(fix ? FIX_GALLERY : CHECK_GALLERY)
                        .query((rs, row) -> new GalleryDrift(
                                rs.getString("kind"),
                                rs.getString("record_id"),
                                rs.getString("counter"),
                                rs.getLong("actual"),
                                rs.getLong("expected")))
                        .list());
    }
}
