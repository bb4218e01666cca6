package dev.imagegen.testservers;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, configured like the embedded server. */
final class ContainerPostgres extends PostgresServer {

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgres start() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withCommand(
                        "postgres",
                        "-c",
                        "wal_level=logical",
                        "-c",
                        "max_replication_slots=32",
                        "-c",
                        "max_wal_senders=32",
                        "-c",
                        "synchronous_commit=on",
                        "-c",
                        "max_connections=400");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
