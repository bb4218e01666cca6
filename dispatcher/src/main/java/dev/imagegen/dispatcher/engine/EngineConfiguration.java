package dev.imagegen.dispatcher.engine;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.dispatcher.offset.PostgresOffsetBackingStore;
import java.net.URI;
import java.util.Properties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** The embedded engine's properties: the PostgreSQL connector on pgoutput, offsets in PostgreSQL. */
final class EngineConfiguration {

    static final String TOPIC_PREFIX = "imagegen";
    static final String HEARTBEAT_PREFIX = "imagegen.heartbeat";

    private EngineConfiguration() {}

    static Properties of(DispatcherProperties dispatcher, JdbcConnectionDetails database) {
        URI uri = URI.create(database.getJdbcUrl().substring("jdbc:".length()));
        Properties p = new Properties();
        p.setProperty("name", dispatcher.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", PostgresOffsetBackingStore.class.getName());
        p.setProperty(PostgresOffsetBackingStore.URL, database.getJdbcUrl());
        p.setProperty(PostgresOffsetBackingStore.USER, database.getUsername());
        p.setProperty(PostgresOffsetBackingStore.PASSWORD, nullToEmpty(database.getPassword()));
        p.setProperty(PostgresOffsetBackingStore.STORE_NAME, dispatcher.name());
        p.setProperty(
                "offset.flush.interval.ms",
                millis(dispatcher.offsetFlushInterval().toMillis()));
        p.setProperty("offset.flush.timeout.ms", "5000");

        p.setProperty("database.hostname", uri.getHost());
        p.setProperty("database.port", uri.getPort() < 0 ? "5432" : Integer.toString(uri.getPort()));
        p.setProperty("database.dbname", uri.getPath().substring(1));
        p.setProperty("database.user", database.getUsername());
        p.setProperty("database.password", nullToEmpty(database.getPassword()));
        p.setProperty("topic.prefix", TOPIC_PREFIX);

        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", dispatcher.slotName());
        p.setProperty("publication.name", dispatcher.publicationName());
        // The publication is created by migration V051, with options Debezium would not set.
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", "public.queue_tasks");
        p.setProperty("skipped.operations", "u,d,t");
        p.setProperty("message.prefix.include.list", "imagegen\\.lifecycle,imagegen\\.heartbeat");

        // On the very first start, rows still pending are dispatched; finished ones never are.
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("snapshot.select.statement.overrides", "public.queue_tasks");
        p.setProperty(
                "snapshot.select.statement.overrides.public.queue_tasks",
                "SELECT * FROM public.queue_tasks WHERE status = 'pending'");

        p.setProperty("poll.interval.ms", millis(dispatcher.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(dispatcher.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(dispatcher.maxQueueSize()));

        // A non-transactional message gives the slot something to confirm while queue_tasks is quiet,
        // so it does not pin WAL written for other tables.
        p.setProperty(
                "heartbeat.interval.ms", millis(dispatcher.heartbeatInterval().toMillis()));
        p.setProperty(
                "heartbeat.action.query",
                "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_PREFIX + "', now()::text)");
        return p;
    }

    private static String millis(long millis) {
        return Long.toString(millis);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
