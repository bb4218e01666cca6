package dev.imagegen.api.submit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The answer to a submission: the task as written, with the counters the triggers set. */
record TaskAccepted(
        UUID id, String name, String status, int priority, int totalImages, String queue, OffsetDateTime createdAt) {

    static final String FIND = """
            SELECT t.id, t.name, t.status::text AS status, t.priority, t.total_images, q.name AS queue, t.created_at
              FROM tasks t LEFT JOIN task_queues q ON q.id = t.queue_id
             WHERE t.id = :id
            """;
}
