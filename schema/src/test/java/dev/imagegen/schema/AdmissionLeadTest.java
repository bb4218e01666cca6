package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window's lead follows the queue's pace of the last second (V160, V168). */
class AdmissionLeadTest {

    static SchemaDatabase db;
    static Backlogs backlogs;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("admission_lead");
        backlogs = new Backlogs(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anIdleQueueKeepsALeadOfTwoAndAnOverrideWins() {
        assertThat(lead(backlogs.queue(4, null, null))).isEqualTo(new Lead(0, 2));
        assertThat(lead(backlogs.queue(4, 7, null)).lead()).isEqualTo(7);
    }

    @Test
    void longJobsKeepHalfASecondOfStartsAndVeryShortOnesThreeSeconds() {
        int queue = backlogs.queue(4, null, null);
        backlogs.submit(db.createUser("lead-" + queue), queue, 1, 500);

        backlogs.claimInOrder(queue, 4);
        startRunning(queue, 4);
        startedNow(queue);
        assertThat(lead(queue))
                .as("8 starts in the last second, 4 running: jobs of half a second or more")
                .isEqualTo(new Lead(8, 4));

        completeRunning(queue);
        backlogs.claimInOrder(queue, 60);
        startRunning(queue, 4);
        startedNow(queue);
        assertThat(lead(queue))
                .as("72 starts in the last second, 4 running: jobs of under half a second")
                .isEqualTo(new Lead(72, 216));
    }

    private static void startRunning(int queue, int count) {
        db.jdbc.sql("""
                UPDATE queue_tasks SET status = 'processing', started_at = clock_timestamp(), worker_id = 'w'
                 WHERE id IN (SELECT id FROM queue_tasks WHERE queue_id = ? AND status = 'pending' ORDER BY id LIMIT ?)
                """).params(queue, count).update();
    }

    private static void completeRunning(int queue) {
        db.jdbc
                .sql("UPDATE queue_tasks SET status = 'completed', completed_at = clock_timestamp()"
                        + " WHERE queue_id = ? AND status = 'processing'")
                .param(queue)
                .update();
    }

    /** Dates the queue's starts so far to this instant, however long the claims took on this machine. */
    private static void startedNow(int queue) {
        db.jdbc
                .sql(
                        "UPDATE queue_tasks SET started_at = clock_timestamp() WHERE queue_id = ? AND started_at IS NOT NULL")
                .param(queue)
                .update();
    }

    private record Lead(int pace, int lead) {}

    private static Lead lead(int queue) {
        return db.jdbc
                .sql("""
                SELECT (SELECT count(*) FROM queue_tasks WHERE queue_id = ? AND started_at > n.now - interval '1 second')
                           AS pace,
                       admission_lead(?, n.now) AS lead
                  FROM (SELECT clock_timestamp() AS now) AS n
                """)
                .params(queue, queue)
                .query((rs, row) -> new Lead(rs.getInt("pace"), rs.getInt("lead")))
                .single();
    }
}
