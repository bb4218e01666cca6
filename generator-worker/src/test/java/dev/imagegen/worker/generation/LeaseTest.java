package dev.imagegen.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.ClaimDatabase;
import dev.imagegen.worker.claim.ClaimOutcome;
import dev.imagegen.worker.claim.ClaimTestData;
import dev.imagegen.worker.claim.QueueTaskClaims;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The worker's own view of a lease: a generation never starts or goes on while the lease may have run
 * out, even when the database cannot be asked.
 */
class LeaseTest {

    private static final Duration LENGTH = Duration.ofSeconds(2);
    private static final Duration RENEW_EVERY = Duration.ofMillis(400);
    private static ClaimDatabase database;
    private static JdbcClient jdbc;
    private static QueueTaskClaims claims;

    @BeforeAll
    static void database() {
        database = ClaimDatabase.migrated("leases");
        jdbc = database.jdbc();
        claims = database.claims();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aClaimThatWaitedIsRenewedBeforeItsGenerationAsksTheBackend() throws Exception {
        long id = claimed("w1");
        // The claim was sent 1.5 s ago: less than half of the 2 s lease is left.
        Lease lease =
                new Lease(claims, new Attempt(id, "w1", 1), LENGTH, RENEW_EVERY, System.nanoTime() - 1_500_000_000L);

        lease.ensureHeld();

        assertThat(lease.loss()).isNull();
        assertThat(jdbc.sql("SELECT lease_until > now() + interval '1.5 seconds' FROM queue_tasks WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void anAttemptThatIsNoLongerTheWorkersIsNotGenerated() {
        long id = claimed("w1");
        Lease lease =
                new Lease(claims, new Attempt(id, "w2", 1), LENGTH, RENEW_EVERY, System.nanoTime() - 1_500_000_000L);

        assertThatThrownBy(lease::ensureHeld)
                .isInstanceOfSatisfying(
                        Lease.LeaseLostException.class,
                        e -> assertThat(e.loss()).isEqualTo(Lease.Loss.LOST));
    }

    @Test
    void aCancelledSubtaskIsNotGenerated() {
        long id = claimed("w1");
        jdbc.sql(
                        "UPDATE subtasks SET status = 'cancelled' WHERE id = (SELECT subtask_id FROM queue_tasks WHERE id = ?)")
                .param(id)
                .update();
        Lease lease =
                new Lease(claims, new Attempt(id, "w1", 1), LENGTH, RENEW_EVERY, System.nanoTime() - 1_500_000_000L);

        assertThatThrownBy(lease::ensureHeld)
                .isInstanceOfSatisfying(
                        Lease.LeaseLostException.class,
                        e -> assertThat(e.loss()).isEqualTo(Lease.Loss.CANCELLED));
    }

    @Test
    void withoutTheDatabaseAStaleClaimIsNotGenerated() {
        Lease lease = new Lease(
                unreachable(), new Attempt(1, "w1", 1), LENGTH, RENEW_EVERY, System.nanoTime() - 1_700_000_000L);

        assertThatThrownBy(lease::ensureHeld)
                .isInstanceOfSatisfying(
                        Lease.LeaseLostException.class,
                        e -> assertThat(e.loss()).isEqualTo(Lease.Loss.EXPIRING));
    }

    @Test
    void withoutTheDatabaseARunningGenerationIsStoppedBeforeItsLeaseRunsOut() throws Exception {
        long claimSent = System.nanoTime();
        Lease lease = new Lease(unreachable(), new Attempt(1, "w1", 1), LENGTH, RENEW_EVERY, claimSent);
        AtomicLong interruptedAt = new AtomicLong();
        CountDownLatch ended = new CountDownLatch(1);
        Thread generation = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interruptedAt.set(System.nanoTime());
            }
            ended.countDown();
        });
        lease.heldBy(generation);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            ticks.scheduleAtFixedRate(lease, 100, 100, TimeUnit.MILLISECONDS);
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            ticks.shutdownNow();
        }

        assertThat(lease.loss()).isEqualTo(Lease.Loss.EXPIRING);
        // Stopped a renewal interval before the end at the latest the worker can know of, not after it.
        long stoppedAfter = interruptedAt.get() - claimSent;
        assertThat(stoppedAfter)
                .isGreaterThanOrEqualTo(LENGTH.minus(RENEW_EVERY).toNanos())
                .isLessThan(LENGTH.toNanos());
    }

    @Test
    void renewalsKeepAGenerationGoingPastItsFirstLease() throws Exception {
        long id = claimed("w1");
        Lease lease = new Lease(claims, new Attempt(id, "w1", 1), LENGTH, RENEW_EVERY, System.nanoTime());
        Thread generation = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lease.heldBy(generation);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            ticks.scheduleAtFixedRate(lease, 100, 100, TimeUnit.MILLISECONDS);
            generation.join();
        } finally {
            ticks.shutdownNow();
        }

        assertThat(lease.loss()).isNull();
        assertThat(jdbc.sql("SELECT lease_until > now() FROM queue_tasks WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    private static long claimed(String worker) {
        int queue = ClaimTestData.queue(jdbc, 5);
        long id = ClaimTestData.attempt(jdbc, queue, null);
        assertThat(claims.claim(id, worker, LENGTH)).isEqualTo(ClaimOutcome.CLAIMED);
        return id;
    }

    /** Claims against a database that refuses every connection. */
    private static QueueTaskClaims unreachable() {
        return new QueueTaskClaims(JdbcClient.create(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/imagegen?connectTimeout=1", "x", "x")));
    }
}
