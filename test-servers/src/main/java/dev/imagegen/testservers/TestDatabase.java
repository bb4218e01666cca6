package dev.imagegen.testservers;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One database of the shared test server, owned by the test (or Spring context) that made it. */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    /** A small connection pool to this database; the caller closes it. */
    public HikariDataSource newDataSource(int maxConnections) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(maxConnections);
        dataSource.setPoolName("test-" + name);
        return dataSource;
    }

    /** A plain connection, outside any pool. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** A data source that opens a plain connection on every call; for tests that need few. */
    public DataSource simpleDataSource() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }
}
