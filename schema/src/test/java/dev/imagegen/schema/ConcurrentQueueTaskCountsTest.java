package dev.imagegen.schema;

import static dev.imagegen.schema.QueueStatusRecount.assertViewEqualsRecount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;

/** Workers settling, failing and retrying on two queues at once, a sweeper and a submitter beside them. */
class ConcurrentQueueTaskCountsTest {

    private static final int WORKERS = 4;
    private static final int BATCH = 10;

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("concurrent_counts", WORKERS + 3);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void countsEqualTheOldAggregateAfterConcurrentWriters() throws Exception {
        WorkerCalls calls = new WorkerCalls(db.jdbc);
        int first = queue("first");
        int second = queue("second");
        int user = db.createUser("busy");
        UUID task = db.createTask(user, "busy");
        db.insertSubtasks(task, 800);
        List<Long> ids =
                db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
                SELECT CASE WHEN row_number() OVER (ORDER BY id) % 2 = 0 THEN ? ELSE ? END, task_id, id, 1
                  FROM subtasks WHERE task_id = ?
                RETURNING id
                """).params(first, second, task).query(Long.class).list();

        AtomicBoolean working = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 2);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int lane = w;
            workers.add(pool.submit(() -> work("w" + lane, lane, ids, calls)));
        }
        Future<?> sweeper = pool.submit(() -> {
            while (working.get()) {
                calls.sweep();
            }
        });
        Future<?> submitter = pool.submit(() -> {
            for (int i = 0; i < 20; i++) {
                UUID more = db.createTask(user, "more " + i);
                db.insertSubtasks(more, 5);
                calls.enqueue(i % 2 == 0 ? first : second, more);
            }
        });
        for (Future<?> worker : workers) {
            worker.get(3, TimeUnit.MINUTES);
        }
        submitter.get(1, TimeUnit.MINUTES);
        working.set(false);
        sweeper.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM queue_tasks WHERE status = 'completed'")
                        .query(Integer.class)
                        .single())
                .isGreaterThan(600);
        assertViewEqualsRecount(db.jdbc, first);
        assertViewEqualsRecount(db.jdbc, second);
        // The sessions wrote to more than one counter row of a queue (1 in 64^3 that four would not).
        assertThat(db.jdbc
                        .sql("SELECT count(DISTINCT stripe) FROM queue_task_counts WHERE queue_id = ?")
                        .param(first)
                        .query(Integer.class)
                        .single())
                .isGreaterThan(1);
    }

    /** Settles its lane's attempts in batches (completes the previous, claims the next); fails every 7th. */
    private static void work(String worker, int lane, List<Long> ids, WorkerCalls calls) {
        List<Long> mine = new ArrayList<>();
        for (int i = lane; i < ids.size(); i += WORKERS) {
            mine.add(ids.get(i));
        }
        List<Long> running = List.of();
        for (int from = 0; from <= mine.size(); from += BATCH) {
            List<Long> next = mine.subList(from, Math.min(from + BATCH, mine.size()));
            List<Long> done = new ArrayList<>(running);
            if (!done.isEmpty() && (from / BATCH) % 7 == 0) {
                long failed = done.removeFirst();
                retryOnLockFailure(() -> calls.fail(failed, worker, true));
            }
            retryOnLockFailure(() -> calls.settle(worker, done, next));
            running = next;
        }
    }

    /**
     * As the worker's QueueTaskClaims does: fail_queue_task locks the queue row before the task row
     * and settle_queue_tasks the task row before the queue row, so the two can deadlock on one task.
     */
    private static void retryOnLockFailure(Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static int queue(String name) {
        return db.jdbc.sql("""
                INSERT INTO task_queues (name, max_concurrent_tasks, retry_backoff, retry_backoff_max)
                VALUES (?, 1000, INTERVAL '0', INTERVAL '0') RETURNING id
                """).param(name).query(Integer.class).single();
    }
}
