package dev.imagegen.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** PostgreSQL 17 from the embedded binaries, its data directory kept between runs. */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "imagegen";
    public static final String USER = "imagegen";
    public static final String PASSWORD = "imagegen";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static LocalPostgres start(Path dataDirectory, int port) throws IOException, SQLException {
        return start(dataDirectory, port, Map.of());
    }

    /** Starts (or restarts, on an existing data directory) with extra {@code postgresql.conf} settings. */
    public static LocalPostgres start(Path dataDirectory, int port, Map<String, String> settings)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "300");
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        LocalPostgres local = new LocalPostgres(postgres, dataDirectory);
        local.createDatabaseOnce();
        return local;
    }

    /** The server's main process (the postmaster), from its {@code postmaster.pid}. */
    public ProcessHandle process() throws IOException {
        String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .getFirst()
                .trim();
        return ProcessHandle.of(Long.parseLong(pid))
                .orElseThrow(() -> new IOException("PostgreSQL (pid " + pid + ") is not running"));
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:%d/%s".formatted(postgres.getPort(), DATABASE);
    }

    private void createDatabaseOnce() throws SQLException {
        String admin = "jdbc:postgresql://localhost:%d/postgres".formatted(postgres.getPort());
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            var role = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'");
            if (!role.next()) {
                // REPLICATION: the dispatcher reads the WAL through a logical replication slot.
                statement.execute("CREATE ROLE %s LOGIN REPLICATION PASSWORD '%s'".formatted(USER, PASSWORD));
            }
            var database = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!database.next()) {
                statement.execute(
                        "CREATE DATABASE %s OWNER %s ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
                                .formatted(DATABASE, USER));
            }
        }
    }

    /** Stops the server; the data directory stays, so {@link #start} on it restarts it. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
