package dev.imagegen.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The database's own recounts of the counters its triggers keep. */
public final class Counters {

    private Counters() {}

    /** Every task's progress counters and every queue's slot counter equal a recount of their rows. */
    public static void assertMatchARecount(JdbcClient jdbc) {
        assertThat(jdbc.sql("SELECT count(*) FROM check_task_progress_consistency()")
                        .query(Long.class)
                        .single())
                .as("tasks whose counters differ from a recount")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM check_queue_concurrency_consistency()")
                        .query(Long.class)
                        .single())
                .as("queues whose slot counter differs from a recount")
                .isZero();
    }
}
