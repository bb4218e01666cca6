package dev.imagegen.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claim's order check across workers (V167): a hand-off yields to an older attempt of another task that another
 * worker asked for and was refused, and to nothing else.
 */
class ClaimOrderTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static ClaimDatabase database;
    private static JdbcClient jdbc;
    private static QueueTaskClaims claims;

    @BeforeAll
    static void database() {
        database = ClaimDatabase.migrated("claim_order");
        jdbc = database.jdbc();
        claims = database.claims();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aHandOffYieldsToAnOlderAttemptOfAnotherTaskThatWaitsForASlot() {
        int queue = ClaimTestData.queue(jdbc, 1);
        long a1 = ClaimTestData.attempt(jdbc, queue, null);
        long b1 = ClaimTestData.attempt(jdbc, queue, null);
        long a2 = ClaimTestData.sameTask(jdbc, a1);
        assertThat(claim("w1", a1)).containsEntry(a1, ClaimOutcome.CLAIMED);
        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.QUEUE_FULL);
        assertThat(waiting(queue)).containsExactly(b1);

        Settled handOff = handOff("w1", a1, a2);
        assertThat(handOff.completions()).containsEntry(a1, CompleteOutcome.COMPLETED);
        assertThat(handOff.claims())
                .as("the slot is left to b1, admitted before a2 and refused to its worker")
                .containsEntry(a2, ClaimOutcome.QUEUE_FULL);

        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.CLAIMED);
        assertThat(waiting(queue)).as("b1 runs, a2 waits").containsExactly(a2);
        assertThat(count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                .isZero();
    }

    @Test
    void anOlderAttemptNoWorkerAskedForDoesNotHoldAHandOffBack() {
        int queue = ClaimTestData.queue(jdbc, 1);
        long a1 = ClaimTestData.attempt(jdbc, queue, null);
        long b1 = ClaimTestData.attempt(jdbc, queue, null);
        long a2 = ClaimTestData.sameTask(jdbc, a1);
        assertThat(claim("w1", a1)).containsEntry(a1, ClaimOutcome.CLAIMED);

        assertThat(handOff("w1", a1, a2).claims())
                .as("b1 is still on its way to its worker")
                .containsEntry(a2, ClaimOutcome.CLAIMED);
        assertThat(waiting(queue)).isEmpty();
        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.QUEUE_FULL);
    }

    @Test
    void anOlderAttemptOfTheSameTaskDoesNotHoldAHandOffBack() {
        int queue = ClaimTestData.queue(jdbc, 1);
        long a1 = ClaimTestData.attempt(jdbc, queue, null);
        long a2 = ClaimTestData.sameTask(jdbc, a1);
        long a3 = ClaimTestData.sameTask(jdbc, a1);
        assertThat(claim("w1", a1)).containsEntry(a1, ClaimOutcome.CLAIMED);
        assertThat(claim("w2", a2)).containsEntry(a2, ClaimOutcome.QUEUE_FULL);

        assertThat(handOff("w1", a1, a3).claims())
                .as("a2 waits, but for the same task: the order within a task does not matter")
                .containsEntry(a3, ClaimOutcome.CLAIMED);
    }

    @Test
    void aWaitNotRenewedForThreeSecondsHoldsNothingBackAndTheNextRefusalClearsIt() {
        int queue = ClaimTestData.queue(jdbc, 1);
        long a1 = ClaimTestData.attempt(jdbc, queue, null);
        long b1 = ClaimTestData.attempt(jdbc, queue, null);
        long a2 = ClaimTestData.sameTask(jdbc, a1);
        long c1 = ClaimTestData.attempt(jdbc, queue, null);
        assertThat(claim("w1", a1)).containsEntry(a1, ClaimOutcome.CLAIMED);
        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.QUEUE_FULL);
        age(b1, 4);

        assertThat(handOff("w1", a1, a2).claims())
                .as("b1's worker last asked 4 s ago: gone, it holds nothing back")
                .containsEntry(a2, ClaimOutcome.CLAIMED);
        assertThat(claim("w3", c1)).containsEntry(c1, ClaimOutcome.QUEUE_FULL);
        assertThat(waiting(queue))
                .as("a refusal clears the queue's waits not renewed for 3 s")
                .containsExactly(c1);
    }

    @Test
    void aWorkerThatKeepsAskingKeepsItsWaitLive() {
        int queue = ClaimTestData.queue(jdbc, 1);
        long a1 = ClaimTestData.attempt(jdbc, queue, null);
        long b1 = ClaimTestData.attempt(jdbc, queue, null);
        long a2 = ClaimTestData.sameTask(jdbc, a1);
        assertThat(claim("w1", a1)).containsEntry(a1, ClaimOutcome.CLAIMED);
        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.QUEUE_FULL);
        age(b1, 10);
        assertThat(claim("w2", b1)).as("asked again").containsEntry(b1, ClaimOutcome.QUEUE_FULL);

        assertThat(handOff("w1", a1, a2).claims())
                .as("b1 first waited 10 s ago, but its worker asked again just now")
                .containsEntry(a2, ClaimOutcome.QUEUE_FULL);
        assertThat(claim("w2", b1)).containsEntry(b1, ClaimOutcome.CLAIMED);
    }

    private static void age(long attempt, int seconds) {
        jdbc.sql("UPDATE queue_claim_waits SET since = now() - make_interval(secs => ?) WHERE queue_task_id = ?")
                .param(seconds)
                .param(attempt)
                .update();
    }

    private static Settled handOff(String worker, long done, long next) {
        return claims.settle(worker, List.of(new Completion(new Attempt(done, worker, 1), "{}")), List.of(next), LEASE);
    }

    private static Map<Long, ClaimOutcome> claim(String worker, Long... ids) {
        return claims.settle(worker, List.of(), List.of(ids), LEASE).claims();
    }

    private static List<Long> waiting(int queue) {
        return jdbc.sql("SELECT queue_task_id FROM queue_claim_waits WHERE queue_id = ? ORDER BY queue_task_id")
                .param(queue)
                .query(Long.class)
                .list();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
