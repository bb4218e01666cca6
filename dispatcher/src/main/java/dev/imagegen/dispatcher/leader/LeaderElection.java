package dev.imagegen.dispatcher.leader;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.dispatcher.engine.DispatchEngine;
import dev.imagegen.systemlog.SystemLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Elects the one instance that runs the engine. The leader holds a session advisory lock on a
 * connection of its own; when its process dies, PostgreSQL closes that session and frees the
 * lock, and a standby polling {@code pg_try_advisory_lock} takes over within one poll interval.
 * A leader whose lock connection breaks stops its engine at once, since it can no longer know
 * that it is the only one. Each change of leadership is a system_logs row.
 */
@Component
public class LeaderElection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private static final String TRY_LOCK = """
            SELECT pg_try_advisory_lock(?)
            """;

    private final DispatcherProperties properties;
    private final JdbcConnectionDetails database;
    private final DispatchEngine engine;
    private final SystemLog systemLog;

    private volatile boolean running;
    private volatile boolean leading;
    private Thread loop;
    private Connection lockConnection;

    LeaderElection(
            DispatcherProperties properties,
            JdbcConnectionDetails database,
            DispatchEngine engine,
            SystemLog systemLog) {
        this.properties = properties;
        this.database = database;
        this.engine = engine;
        this.systemLog = systemLog;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("dispatcher-leader").daemon().start(this::elect);
    }

    @Override
    public void stop() {
        running = false;
        loop.interrupt();
        try {
            loop.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this instance holds the lock and runs the engine. */
    public boolean isLeading() {
        return leading;
    }

    private void elect() {
        while (running) {
            try {
                if (!leading && tryLock()) {
                    leading = true;
                    log.info("Leader lock {} taken: dispatching", properties.leaderLockKey());
                    systemLog.record(SystemLog.Level.INFO, "leader lock taken: dispatching", about());
                    engine.start();
                } else if (leading && !lockConnection.isValid(2)) {
                    log.warn("Leader lock connection lost: stopping the engine");
                    resign(SystemLog.Level.WARN, "leader lock connection lost: dispatching stopped");
                } else if (leading && !engine.isRunning()) {
                    log.warn("Debezium engine stopped by itself: starting it again");
                    systemLog.record(SystemLog.Level.WARN, "Debezium engine stopped by itself: started again", about());
                    engine.stop();
                    engine.start();
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Leader election: {}", e.getMessage());
                resign(SystemLog.Level.WARN, "leader election failed: dispatching stopped (" + e.getMessage() + ")");
            }
            try {
                Thread.sleep(properties.standbyPollInterval());
            } catch (InterruptedException e) {
                break;
            }
        }
        resign(SystemLog.Level.INFO, "leader lock released: the dispatcher stops");
    }

    private Map<String, Object> about() {
        return Map.of(
                "slot", properties.slotName(),
                "lock_key", properties.leaderLockKey(),
                "pid", ProcessHandle.current().pid());
    }

    private boolean tryLock() throws SQLException {
        if (lockConnection == null || lockConnection.isClosed()) {
            lockConnection =
                    DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            lockConnection.setAutoCommit(true);
        }
        try (PreparedStatement statement = lockConnection.prepareStatement(TRY_LOCK)) {
            statement.setLong(1, properties.leaderLockKey());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Stops the engine first, then closes the session, which frees the lock for a standby. */
    private void resign(SystemLog.Level level, String why) {
        if (leading) {
            try {
                engine.stop();
            } catch (RuntimeException e) {
                // The lock is released below all the same, and the row still says why.
                log.warn("Stopping the Debezium engine failed: {}", e.getMessage());
            }
            leading = false;
            systemLog.record(level, why, about());
        }
        if (lockConnection != null) {
            try {
                lockConnection.close();
            } catch (SQLException ignored) {
                // the session is gone either way, and with it the lock
            }
            lockConnection = null;
        }
    }
}
