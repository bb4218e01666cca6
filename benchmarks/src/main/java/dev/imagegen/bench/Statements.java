package dev.imagegen.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./imagegen bench --statements}: PostgreSQL loads {@code pg_stat_statements} (nested
 * statements too, so the SQL inside functions and triggers is counted), the statistics are reset
 * before each no-op run and the statements that took the most time are noted after it. Total
 * time includes waiting for locks, which is what shows a hot row.
 */
final class Statements {

    /** The server settings that load the extension. */
    static final Map<String, String> SETTINGS =
            Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all");

    private static final int SHOWN = 12;
    private static final int QUERY_CHARS = 110;

    private final String superuserUrl;

    Statements(int port) {
        this.superuserUrl = "jdbc:postgresql://localhost:%d/imagegen".formatted(port);
    }

    /** Creates the extension (as the server's superuser) and lets the application's user reset it. */
    void install(String appUser) throws SQLException {
        execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "GRANT pg_read_all_stats TO " + appUser);
    }

    void reset() throws SQLException {
        execute("SELECT pg_stat_statements_reset()");
    }

    /** The statements with the most total time since the last reset, one line each. */
    String top(String label) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add(label + ": statements by total time (calls, total ms, ms per call, rows):");
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT calls, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 2), rows,
                               regexp_replace(query, '\\s+', ' ', 'g')
                          FROM pg_stat_statements
                         WHERE query NOT LIKE '%%pg_stat_statements%%'
                         ORDER BY total_exec_time DESC LIMIT %d
                        """.formatted(SHOWN))) {
            while (rs.next()) {
                String query = rs.getString(5);
                lines.add("    %8d  %9s  %8s  %8d  %s"
                        .formatted(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getLong(4),
                                query.length() > QUERY_CHARS ? query.substring(0, QUERY_CHARS) + "…" : query));
            }
        }
        return String.join("\n", lines);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(superuserUrl, "postgres", "");
    }
}
