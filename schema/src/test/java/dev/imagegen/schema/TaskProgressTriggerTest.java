package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.schema.SchemaDatabase.TaskRow;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskProgressTriggerTest {

    static SchemaDatabase db;
    static int userId;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("progress");
        userId = db.createUser("progress-user");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /**
     * Ten subtasks; each step is one statement: start some, complete and fail some of the started,
     * cancel some of those still pending.
     */
    @ParameterizedTest(name = "start {0}, complete {1}, fail {2}, cancel {3} -> {4} processed, {5}%, {6}")
    @CsvSource({
        " 0,  0,  0,  0,  0,   0, pending,    false",
        " 3,  0,  0,  0,  0,   0, processing, false",
        " 3,  2,  0,  0,  2,  20, processing, false",
        " 3,  2,  1,  0,  3,  30, processing, false",
        "10, 10,  0,  0, 10, 100, completed,  true",
        "10,  7,  3,  0, 10, 100, completed,  true",
        "10,  0, 10,  0, 10, 100, failed,     true",
        " 3,  2,  1,  7,  3,  30, completed,  true",
        " 3,  0,  3,  7,  3,  30, failed,     true",
        " 0,  0,  0, 10,  0,   0, cancelled,  false",
        " 3,  3,  0,  6,  3,  30, processing, false",
        " 5,  0,  0,  5,  0,   0, processing, false",
    })
    void progressFollowsEveryTransition(
            int start,
            int complete,
            int fail,
            int cancel,
            int processed,
            int progress,
            String status,
            boolean finished) {
        UUID task = db.createTask(userId, "transitions");
        db.insertSubtasks(task, 10);
        assertThat(db.task(task)).isEqualTo(new TaskRow(10, 0, 0, "pending", false));

        assertThat(db.move(task, "pending", "processing", start)).isEqualTo(start);
        assertThat(db.move(task, "processing", "completed", complete)).isEqualTo(complete);
        assertThat(db.move(task, "processing", "failed", fail)).isEqualTo(fail);
        assertThat(db.move(task, "pending", "cancelled", cancel)).isEqualTo(cancel);

        assertThat(db.task(task)).isEqualTo(new TaskRow(10, processed, progress, status, finished));
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void progressRoundsLikeTheSeed() {
        UUID task = db.createTask(userId, "thirds");
        db.insertSubtasks(task, 3);
        db.move(task, "pending", "completed", 1);
        assertThat(db.task(task).progress()).isEqualTo(33);
        db.move(task, "pending", "failed", 1);
        assertThat(db.task(task).progress()).isEqualTo(67);
    }

    @Test
    void aTaskWithoutSubtasksStaysPendingAtZero() {
        UUID task = db.createTask(userId, "empty");
        db.jdbc
                .sql("UPDATE tasks SET name = 'renamed' WHERE id = ?")
                .param(task)
                .update();
        assertThat(db.task(task)).isEqualTo(new TaskRow(0, 0, 0, "pending", false));
    }

    @Test
    void retryingAFailedSubtaskReopensTheTask() {
        UUID task = db.createTask(userId, "retry");
        db.insertSubtasks(task, 2);
        db.move(task, "pending", "completed", 1);
        db.move(task, "pending", "failed", 1);
        assertThat(db.task(task)).isEqualTo(new TaskRow(2, 2, 100, "completed", true));

        db.move(task, "failed", "pending", 1);
        assertThat(db.task(task)).isEqualTo(new TaskRow(2, 1, 50, "processing", false));

        db.move(task, "pending", "completed", 1);
        assertThat(db.task(task)).isEqualTo(new TaskRow(2, 2, 100, "completed", true));
    }

    @Test
    void aCancelledTaskStaysCancelledWhenItsRunningSubtasksFinish() {
        UUID task = db.createTask(userId, "cancel");
        db.insertSubtasks(task, 4);
        db.move(task, "pending", "processing", 1);
        db.jdbc
                .sql("UPDATE tasks SET status = 'cancelled' WHERE id = ?")
                .param(task)
                .update();
        db.move(task, "pending", "cancelled", 3);
        db.move(task, "processing", "completed", 1);

        assertThat(db.task(task)).isEqualTo(new TaskRow(4, 1, 25, "cancelled", false));
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void deletingSubtasksTakesThemOutOfTheCounts() {
        UUID task = db.createTask(userId, "delete");
        db.insertSubtasks(task, 4);
        db.move(task, "pending", "completed", 2);
        db.jdbc
                .sql("DELETE FROM subtasks WHERE task_id = ? AND status = 'pending'")
                .param(task)
                .update();

        assertThat(db.task(task)).isEqualTo(new TaskRow(2, 2, 100, "completed", true));
    }

    @Test
    void oneStatementAcrossSeveralTasksCountsEachTask() {
        UUID first = db.createTask(userId, "multi-1");
        UUID second = db.createTask(userId, "multi-2");
        db.insertSubtasks(first, 3);
        db.insertSubtasks(second, 5);
        db.jdbc
                .sql("UPDATE subtasks SET status = 'completed' WHERE task_id IN (?, ?)")
                .params(first, second)
                .update();

        assertThat(db.task(first)).isEqualTo(new TaskRow(3, 3, 100, "completed", true));
        assertThat(db.task(second)).isEqualTo(new TaskRow(5, 5, 100, "completed", true));
    }

    @Test
    void tenThousandSubtasksInsertedAndCompletedInSingleStatements() {
        UUID task = db.createTask(userId, "ten-thousand");
        db.insertSubtasks(task, 10_000);
        assertThat(db.task(task)).isEqualTo(new TaskRow(10_000, 0, 0, "pending", false));

        db.jdbc
                .sql("UPDATE subtasks SET status = 'completed' WHERE task_id = ?")
                .param(task)
                .update();
        assertThat(db.task(task)).isEqualTo(new TaskRow(10_000, 10_000, 100, "completed", true));
        assertThat(db.driftedTasks()).doesNotContain(task);
    }
}
