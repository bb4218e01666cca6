package dev.imagegen.worker.consume;

import dev.imagegen.worker.WorkerProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on its own PostgreSQL connection for {@code imagegen_queue_slot_freed} (payload: queue
 * name, sent at commit when the queue can take a claim) and wakes that queue's lane. Each lane also
 * tries again after {@code resume-fallback} without a notification, in case one was missed.
 */
@Component
class SlotFreedListener implements SmartLifecycle {

    static final String CHANNEL = "imagegen_queue_slot_freed";
    private static final Logger log = LoggerFactory.getLogger(SlotFreedListener.class);

    private final DataSourceProperties dataSource;
    private final QueueLanes lanes;
    private final long fallbackMillis;
    private volatile boolean running;
    private Thread thread;

    SlotFreedListener(DataSourceProperties dataSource, QueueLanes lanes, WorkerProperties properties) {
        this.dataSource = dataSource;
        this.lanes = lanes;
        this.fallbackMillis = Math.max(10, properties.resumeFallback().toMillis());
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("slot-freed-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(
                    dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // Anything freed while we were not listening is covered by one round of retries.
                lanes.signalAll();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) fallbackMillis);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            lanes.slotFreed(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Slot notifications interrupted, reconnecting: {}", e.getMessage());
                    lanes.signalAll();
                    pauseBeforeReconnect();
                }
            }
        }
    }

    private void pauseBeforeReconnect() {
        try {
            Thread.sleep(fallbackMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
