package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission (V160) against a real PostgreSQL: the order in which a queue's backlog reaches the outbox, and how much
 * of it, with workers simulated by claiming the oldest admitted attempt one statement at a time.
 */
class AdmissionTest {

    static SchemaDatabase db;
    static Backlogs backlogs;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("admission");
        backlogs = new Backlogs(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aSmallTaskOfAnotherUserIsAdmittedAtTheNextRefillAndThenTakesTurns() {
        // Claimed attempts complete at once here, so the window is always the 2 free slots and the lead of 2.
        int queue = backlogs.queue(2, 2, null);
        int a = db.createUser("adm-a-" + queue);
        int b = db.createUser("adm-b-" + queue);
        UUID large = backlogs.submit(a, queue, 1, 2000);
        assertThat(backlogs.admittedOwners(queue)).containsExactly(a, a, a, a);

        UUID small = backlogs.submit(b, queue, 1, 4);
        assertThat(backlogs.admittedOwners(queue))
                .as("the window is full; B waits for the next claim")
                .hasSize(4);

        List<Integer> order = backlogs.claimInOrder(queue, 12);
        assertThat(order.subList(0, 4)).containsOnly(a);
        assertThat(order.subList(4, 12)).containsExactly(b, a, b, a, b, a, b, a);
        assertThat(backlogs.backlogTasks(queue)).containsExactly(large).doesNotContain(small);
    }

    @Test
    void usersWithBacklogsTakeTurnsAndWeightsShareTheTurns() {
        int queue = backlogs.queue(1, 1, null);
        int a = db.createUser("rr-a-" + queue);
        int b = db.createUser("rr-b-" + queue);
        int c = db.createUser("rr-c-" + queue);
        backlogs.submit(a, queue, 1, 100);
        backlogs.submit(b, queue, 1, 100);
        backlogs.submit(c, queue, 1, 100);
        List<Integer> order = backlogs.claimInOrder(queue, 60);
        // The first two (the free slot and the lead of 1) were admitted before b and c submitted.
        for (int from = 2; from + 30 <= order.size(); from++) {
            List<Integer> window = order.subList(from, from + 30);
            long countA = window.stream().filter(u -> u == a).count();
            long countB = window.stream().filter(u -> u == b).count();
            long countC = window.stream().filter(u -> u == c).count();
            assertThat(List.of(countA, countB, countC))
                    .allSatisfy(n -> assertThat(n).isBetween(9L, 11L));
            assertThat(Math.max(countA, Math.max(countB, countC)) - Math.min(countA, Math.min(countB, countC)))
                    .isLessThanOrEqualTo(1);
        }

        int heavy = backlogs.queue(1, 1, null);
        int d = db.createUser("w-d-" + heavy);
        int e = db.createUser("w-e-" + heavy);
        db.jdbc.sql("UPDATE users SET share_weight = 2 WHERE id = ?").param(d).update();
        backlogs.submit(d, heavy, 1, 100);
        backlogs.submit(e, heavy, 1, 100);
        List<Integer> weighted = backlogs.claimInOrder(heavy, 60);
        assertThat(weighted.stream().filter(u -> u == d).count()).isBetween(39L, 41L);
    }

    @Test
    void aHigherPriorityTaskOvertakesItsOwnUsersBacklog() {
        int queue = backlogs.queue(1, 1, null);
        int a = db.createUser("prio-" + queue);
        UUID low = backlogs.submit(a, queue, 1, 50);
        backlogs.claimInOrder(queue, 3);
        UUID high = backlogs.submit(a, queue, 2, 3);
        List<UUID> next = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            next.add(backlogs.claimNextTask(queue));
        }
        // Two of the low task were admitted before the high one came; then the high one goes first.
        assertThat(next).containsExactly(low, low, high, high, high, low);
    }

    @Test
    void aRateLimitCountsTheLastMinutesStartsAndWhatWaits() {
        int queue = backlogs.queue(100, 100, 20);
        int a = db.createUser("rate-" + queue);
        backlogs.submit(a, queue, 1, 100);
        assertThat(backlogs.admittedOwners(queue)).hasSize(20);
        backlogs.claimInOrder(queue, 20);
        assertThat(backlogs.pending(queue)).isZero();
        assertThat(db.jdbc
                        .sql("SELECT admit_queue_tasks(?)")
                        .param(queue)
                        .query(Integer.class)
                        .single())
                .as("20 started within the last minute")
                .isZero();
        db.jdbc
                .sql("UPDATE queue_tasks SET started_at = started_at - interval '61 seconds' WHERE id IN ("
                        + "SELECT id FROM queue_tasks WHERE queue_id = ? ORDER BY id LIMIT 5)")
                .param(queue)
                .update();
        assertThat(db.jdbc
                        .sql("SELECT admitted FROM admit_all_queues() WHERE queue_id = ?")
                        .param(queue)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aSettleStartsNoMoreThanTheRateAllowsWhoeverWroteTheAttempts() {
        int queue = backlogs.queue(10, 10, 2);
        int a = db.createUser("settle-rate-" + queue);
        UUID task = db.jdbc
                .sql("INSERT INTO tasks (name, user_id, queue_id) VALUES ('t', ?, ?) RETURNING id")
                .params(a, queue)
                .query(UUID.class)
                .single();
        db.insertSubtasks(task, 3);
        // Written directly, as the sweeper writes retries: not admitted, so only the claim can hold the rate.
        List<Long> ids = db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id)
                SELECT ?, task_id, id FROM subtasks WHERE task_id = ? RETURNING id
                """).params(queue, task).query(Long.class).list();

        List<String> outcomes = db.jdbc
                .sql("""
                SELECT outcome FROM settle_queue_tasks('w', interval '1 minute', '{}', '{}', '{}', ?::bigint[])
                 ORDER BY queue_task_id
                """)
                .param(ids.toArray(Long[]::new))
                .query(String.class)
                .list();

        assertThat(outcomes).containsExactly("claimed", "claimed", "queue_full");
    }

    @Test
    void aCancelledTaskLeavesTheBacklogAndNothingMoreOfItIsAdmitted() {
        int queue = backlogs.queue(2, 2, null);
        int a = db.createUser("cancel-" + queue);
        UUID task = backlogs.submit(a, queue, 1, 10_000);
        db.jdbc
                .sql("UPDATE tasks SET status = 'cancelled' WHERE id = ?")
                .param(task)
                .update();
        db.jdbc
                .sql("UPDATE subtasks SET status = 'cancelled' WHERE task_id = ? AND status = 'pending'")
                .param(task)
                .update();
        assertThat(backlogs.backlogTasks(queue)).isEmpty();
        db.jdbc
                .sql("UPDATE queue_tasks SET status = 'cancelled' WHERE queue_id = ? AND status = 'pending'")
                .param(queue)
                .update();
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM queue_tasks WHERE task_id = ?")
                        .param(task)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(db.jdbc
                        .sql("SELECT waiting FROM queue_shares WHERE queue_id = ? AND user_id = ?")
                        .params(queue, a)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
