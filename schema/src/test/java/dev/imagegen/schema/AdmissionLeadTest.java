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
        assertThat(lead(backlogs.queue(4, null, null))).isEqualTo(2);
        assertThat(lead(backlogs.queue(4, 7, null))).isEqualTo(7);
    }

    @Test
    void longJobsKeepHalfASecondOfStartsAndVeryShortOnesThreeSecondsOfWhatTheSlotsAllow() {
        int queue = backlogs.queue(4, null, null);
        int user = db.createUser("lead-" + queue);
        backlogs.submit(user, queue, 1, 500);
        backlogs.claimInOrder(queue, 8);

        lastedUntilNow(queue, "900 milliseconds");
        assertThat(lead(queue))
                .as("8 starts in the last second, jobs of 0.9 s: half the starts")
                .isEqualTo(4);

        lastedUntilNow(queue, "100 milliseconds");
        assertThat(lead(queue))
                .as("jobs of 0.1 s on 4 slots allow 40 starts a second: three seconds of those")
                .isEqualTo(120);

        // The first task was all admitted while the claims above ran (jobs of no time at all): these two wait.
        backlogs.submit(user, queue, 1, 500);
        backlogs.submit(db.createUser("lead-other-" + queue), queue, 1, 500);
        assertThat(lead(queue))
                .as("two users wait: their turns matter more, half the starts again")
                .isEqualTo(4);
    }

    /** Dates the queue's finished attempts as if each had run for {@code length} until this instant. */
    private static void lastedUntilNow(int queue, String length) {
        db.jdbc
                .sql(
                        "UPDATE queue_tasks SET started_at = clock_timestamp() - ?::interval, completed_at = clock_timestamp()"
                                + " WHERE queue_id = ? AND status = 'completed'")
                .params(length, queue)
                .update();
    }

    private static int lead(int queue) {
        return db.jdbc
                .sql("SELECT admission_lead(?, clock_timestamp())")
                .param(queue)
                .query(Integer.class)
                .single();
    }
}
