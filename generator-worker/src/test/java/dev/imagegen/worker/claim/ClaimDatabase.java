package dev.imagegen.worker.claim;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A migrated database of its own on the shared test server, with the claim protocol over it. */
public record ClaimDatabase(HikariDataSource dataSource, JdbcClient jdbc, QueueTaskClaims claims)
        implements AutoCloseable {

    public static ClaimDatabase migrated(String name) {
        return of(TestServers.postgres().migratedDatabase(name).newDataSource(4));
    }

    public static ClaimDatabase of(HikariDataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new ClaimDatabase(dataSource, jdbc, new QueueTaskClaims(jdbc));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
