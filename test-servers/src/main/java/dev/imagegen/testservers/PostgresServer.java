package dev.imagegen.testservers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/** A running PostgreSQL server that hands each test its own database. */
public abstract class PostgresServer implements AutoCloseable {

    private static final String MIGRATED_TEMPLATE = "imagegen_migrated_template";
    private static final AtomicInteger databases = new AtomicInteger();

    private boolean templateReady;

    public abstract String host();

    public abstract int port();

    public abstract String username();

    public abstract String password();

    @Override
    public abstract void close();

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://%s:%d/%s".formatted(host(), port(), database);
    }

    /** A new, empty UTF-8 database whose name starts with the prefix. */
    public TestDatabase createDatabase(String prefix) {
        return createDatabase(prefix, "template0");
    }

    /**
     * A new database with every migration of {@code classpath:db/migration} applied. Migrations run
     * once per JVM into a template; each database is a copy of it, which takes milliseconds.
     */
    public synchronized TestDatabase migratedDatabase(String prefix) {
        if (!templateReady) {
            TestDatabase template = createNamed(MIGRATED_TEMPLATE, "template0");
            Flyway.configure()
                    .dataSource(template.jdbcUrl(), template.username(), template.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            templateReady = true;
        }
        return createDatabase(prefix, MIGRATED_TEMPLATE);
    }

    private TestDatabase createDatabase(String prefix, String template) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
        return createNamed(name, template);
    }

    private TestDatabase createNamed(String name, String template) {
        String encoding = template.equals("template0") ? " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'" : "";
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"%s\" TEMPLATE \"%s\"%s".formatted(name, template, encoding));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(name, jdbcUrl(name), username(), password());
    }
}
