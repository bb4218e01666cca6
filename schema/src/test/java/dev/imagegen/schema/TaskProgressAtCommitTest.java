package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V163: a transaction's subtask changes reach the task's counters as it commits, so two
 * transactions finishing subtasks of one task do not wait for each other's whole transaction, and
 * the counters and the status rule stay exact.
 */
class TaskProgressAtCommitTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("task_progress_at_commit", 6);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void twoOpenTransactionsFinishSubtasksOfOneTaskWithoutWaitingForEachOther() throws Exception {
        UUID task = db.createTask(db.createUser("at_commit_two"), "two at once");
        db.insertSubtasks(task, 2);
        db.move(task, "pending", "processing", 2);
        List<UUID> subtasks = subtaskIds(task);

        try (Connection first = db.dataSource.getConnection();
                Connection second = db.dataSource.getConnection();
                ExecutorService pool = Executors.newSingleThreadExecutor()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            complete(first, task, subtasks.get(0));
            // Before V163 this statement waited on the task's row until the first transaction ended.
            CompletableFuture<Void> other =
                    CompletableFuture.runAsync(() -> complete(second, task, subtasks.get(1)), pool);
            other.get(10, TimeUnit.SECONDS);

            assertThat(db.task(task).processed())
                    .as("nothing is written before a commit")
                    .isZero();
            first.commit();
            assertThat(db.task(task).processed()).isEqualTo(1);
            assertThat(db.task(task).status()).isEqualTo("processing");
            second.commit();
        }
        SchemaDatabase.TaskRow row = db.task(task);
        assertThat(row.processed()).isEqualTo(2);
        assertThat(row.progress()).isEqualTo(100);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.finished()).isTrue();
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void theTransactionThatMovedTheSubtasksReadsItsCountersAfterAFlush() throws Exception {
        UUID task = db.createTask(db.createUser("at_commit_flush"), "flushed");
        try (Connection session = db.dataSource.getConnection()) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                statement.execute("INSERT INTO subtasks (task_id, variable_indices)" + " SELECT '" + task
                        + "', jsonb_build_object('v0', i) FROM generate_series(0, 2) AS i");
                assertThat(totalImages(statement, task)).isZero();
                statement.execute("SELECT flush_task_counters()");
                assertThat(totalImages(statement, task)).isEqualTo(3);
                // Flushed once: the commit writes nothing twice.
            }
            session.commit();
        }
        assertThat(db.task(task).total()).isEqualTo(3);
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void aRolledBackSavepointTakesItsChangesBack() throws Exception {
        UUID task = db.createTask(db.createUser("at_commit_savepoint"), "savepoint");
        db.insertSubtasks(task, 3);
        db.move(task, "pending", "processing", 3);
        List<UUID> subtasks = subtaskIds(task);
        try (Connection session = db.dataSource.getConnection()) {
            session.setAutoCommit(false);
            complete(session, task, subtasks.get(0));
            var savepoint = session.setSavepoint();
            complete(session, task, subtasks.get(1));
            session.rollback(savepoint);
            session.commit();
        }
        SchemaDatabase.TaskRow row = db.task(task);
        assertThat(row.processed()).isEqualTo(1);
        assertThat(row.status()).isEqualTo("processing");
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void aRolledBackTransactionWritesNothing() throws Exception {
        UUID task = db.createTask(db.createUser("at_commit_rollback"), "rolled back");
        db.insertSubtasks(task, 2);
        try (Connection session = db.dataSource.getConnection()) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                statement.execute("UPDATE subtasks SET status = 'cancelled' WHERE task_id = '" + task + "'");
            }
            session.rollback();
            // The next transaction of the same session starts with an empty accumulator.
            try (Statement statement = session.createStatement()) {
                statement.execute("UPDATE subtasks SET status = 'processing' WHERE task_id = '" + task
                        + "' AND id = (SELECT id FROM subtasks WHERE task_id = '" + task + "' ORDER BY id LIMIT 1)");
            }
            session.commit();
        }
        SchemaDatabase.TaskRow row = db.task(task);
        assertThat(row.total()).isEqualTo(2);
        assertThat(row.processed()).isZero();
        assertThat(row.status()).isEqualTo("processing");
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    private static void complete(Connection session, UUID task, UUID subtask) {
        try (Statement statement = session.createStatement()) {
            statement.execute("UPDATE subtasks SET status = 'completed', completed_at = now() WHERE task_id = '" + task
                    + "' AND id = '" + subtask + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int totalImages(Statement statement, UUID task) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT total_images FROM tasks WHERE id = '" + task + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<UUID> subtaskIds(UUID task) {
        return db.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
    }
}
