package dev.imagegen.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL on the system's database, for what a page test prepares or checks behind the page. */
final class PageDatabase {

    private PageDatabase() {}

    /** Runs a statement with its parameters; answers the rows changed. */
    static int update(String sql, Object... params) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(String sql, Object... params) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** The one value of a query, as text. */
    static String value(String sql, Object... params) throws SQLException {
        List<String> values = column(sql, params);
        if (values.size() != 1) {
            throw new IllegalStateException("expected one row, got " + values.size() + " for " + sql);
        }
        return values.getFirst();
    }
}
