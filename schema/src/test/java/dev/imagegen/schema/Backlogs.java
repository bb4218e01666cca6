package dev.imagegen.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queues, submissions and simulated claims for the admission tests, written as the API and the workers write them. */
final class Backlogs {

    private final SchemaDatabase db;

    Backlogs(SchemaDatabase db) {
        this.db = db;
    }

    int queue(int limit, Integer window, Integer rate) {
        return db.jdbc.sql("""
                INSERT INTO task_queues (name, max_concurrent_tasks, admission_window, rate_limit_per_minute)
                VALUES ('admission_' || substr(md5(random()::text), 1, 10), ?, ?, ?) RETURNING id
                """).params(limit, window, rate).query(Integer.class).single();
    }

    /** A task of count subtasks written as the API writes it: subtasks with seq, then the backlog and admission. */
    UUID submit(int user, int queue, int priority, int count) {
        UUID task = db.jdbc
                .sql("INSERT INTO tasks (name, user_id, queue_id, priority) VALUES ('t', ?, ?, ?) RETURNING id")
                .params(user, queue, priority)
                .query(UUID.class)
                .single();
        db.jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices, seq)
                SELECT ?, jsonb_build_object('v0', i), i FROM generate_series(0, ? - 1) AS i
                """).params(task, count).update();
        db.jdbc
                .sql("SELECT enqueue_task_backlog(?)")
                .param(task)
                .query(Integer.class)
                .single();
        return task;
    }

    /** Claims and at once completes the oldest admitted attempt, count times: the owners in claim order. */
    List<Integer> claimInOrder(int queue, int count) {
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID task = claimNextTask(queue);
            owners.add(db.jdbc
                    .sql("SELECT user_id FROM tasks WHERE id = ?")
                    .param(task)
                    .query(Integer.class)
                    .single());
        }
        return owners;
    }

    UUID claimNextTask(int queue) {
        UUID task = db.jdbc.sql("""
                UPDATE queue_tasks SET status = 'processing', started_at = clock_timestamp(), worker_id = 'w'
                 WHERE id = (SELECT min(id) FROM queue_tasks WHERE queue_id = ? AND status = 'pending')
                RETURNING task_id
                """).param(queue).query(UUID.class).single();
        db.jdbc
                .sql("UPDATE queue_tasks SET status = 'completed', completed_at = clock_timestamp()"
                        + " WHERE queue_id = ? AND status = 'processing'")
                .param(queue)
                .update();
        return task;
    }

    List<Integer> admittedOwners(int queue) {
        return db.jdbc.sql("""
                SELECT t.user_id FROM queue_tasks qt JOIN tasks t ON t.id = qt.task_id
                 WHERE qt.queue_id = ? ORDER BY qt.id
                """).param(queue).query(Integer.class).list();
    }

    long pending(int queue) {
        return db.jdbc
                .sql("SELECT count(*) FROM queue_tasks WHERE queue_id = ? AND status = 'pending'")
                .param(queue)
                .query(Long.class)
                .single();
    }

    List<UUID> backlogTasks(int queue) {
        return db.jdbc
                .sql("SELECT task_id FROM queue_backlog WHERE queue_id = ? ORDER BY task_id")
                .param(queue)
                .query(UUID.class)
                .list();
    }
}
