package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.schema.SchemaDatabase.TaskRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrentSubtaskUpdatesTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("concurrent", 10);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eightThreadsUpdatingOneTaskLeaveItsCountersExact() throws Exception {
        UUID task = db.createTask(db.createUser("concurrent-user"), "contended");
        db.insertSubtasks(task, 800);
        List<UUID> subtasks = db.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();

        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            List<UUID> mine = subtasks.subList(w * 100, (w + 1) * 100);
            workers.add(() -> {
                for (int i = 0; i < mine.size(); i++) {
                    // Each step its own transaction: start, then finish one way or another.
                    setStatus(task, mine.get(i), "processing");
                    setStatus(task, mine.get(i), i % 10 == 0 ? "failed" : i % 10 == 1 ? "cancelled" : "completed");
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        }

        // 8 workers x 100: 10 failed, 10 cancelled, 80 completed each.
        assertThat(db.task(task)).isEqualTo(new TaskRow(800, 720, 90, "completed", true));
        assertThat(db.jdbc
                        .sql("""
                        SELECT processing_subtasks, completed_subtasks, failed_subtasks, cancelled_subtasks
                          FROM tasks WHERE id = ?
                        """)
                        .param(task)
                        .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                        .single())
                .containsExactly(0, 640, 80, 80);
        assertThat(db.driftedTasks()).isEmpty();
    }

    private static void setStatus(UUID task, UUID subtask, String status) {
        db.jdbc
                .sql("UPDATE subtasks SET status = ?::subtask_status WHERE task_id = ? AND id = ?")
                .params(status, task, subtask)
                .update();
    }
}
