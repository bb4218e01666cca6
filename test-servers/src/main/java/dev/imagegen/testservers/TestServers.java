package dev.imagegen.testservers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server and Kafka broker that every test of this JVM shares, each started on
 * first use and stopped when the JVM exits. Where a Docker daemon answers they run as
 * Testcontainers; otherwise PostgreSQL runs from embedded binaries and Kafka in-process.
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);

    private static PostgresServer postgres;
    private static KafkaServer kafka;

    private TestServers() {}

    /** The shared PostgreSQL server (logical WAL, synchronous commit), started on first call. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            long started = System.nanoTime();
            postgres = DockerProbe.available() ? ContainerPostgres.start() : EmbeddedPostgresServer.start();
            log.info(
                    "PostgreSQL ready on port {} in {} ms", postgres.port(), (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
        }
        return postgres;
    }

    /** The shared Kafka broker (KRaft), started on first call. */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            long started = System.nanoTime();
            kafka = DockerProbe.available() ? ContainerKafka.start() : EmbeddedKafkaServer.start();
            log.info("Kafka ready at {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
        }
        return kafka;
    }
}
