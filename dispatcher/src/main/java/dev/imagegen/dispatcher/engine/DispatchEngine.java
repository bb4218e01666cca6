package dev.imagegen.dispatcher.engine;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.dispatcher.event.AcknowledgedPublisher;
import dev.imagegen.dispatcher.event.QueueTopics;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/** Runs the Debezium embedded engine on its own thread while this instance is the leader. */
@Component
public class DispatchEngine {

    private static final Logger log = LoggerFactory.getLogger(DispatchEngine.class);

    private final DispatcherProperties properties;
    private final JdbcConnectionDetails database;
    private final AcknowledgedPublisher publisher;
    private final QueueTopics queueTopics;

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;
    private volatile boolean running;

    DispatchEngine(
            DispatcherProperties properties,
            JdbcConnectionDetails database,
            AcknowledgedPublisher publisher,
            QueueTopics queueTopics) {
        this.properties = properties;
        this.database = database;
        this.publisher = publisher;
        this.queueTopics = queueTopics;
    }

    public synchronized void start() {
        if (engine != null) {
            return;
        }
        queueTopics.createMissing();
        publisher.stopping(false);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(EngineConfiguration.of(properties, database))
                .notifying(publisher)
                .using((success, message, error) -> {
                    running = false;
                    if (error != null) {
                        log.error("Debezium engine stopped: {}", message, error);
                    } else {
                        log.info("Debezium engine stopped: {}", message);
                    }
                })
                .build();
        thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "dispatcher-engine"));
        running = true;
        thread.execute(engine);
        log.info("Debezium engine started on slot {}", properties.slotName());
    }

    /** Whether the engine runs; false after it stopped by itself on an error. */
    public boolean isRunning() {
        return running;
    }

    public synchronized void stop() {
        if (engine == null) {
            return;
        }
        publisher.stopping(true);
        try {
            close(engine);
            thread.shutdown();
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Debezium engine did not stop within 30 s");
                thread.shutdownNow();
            }
        } catch (IOException e) {
            log.warn("Closing the Debezium engine failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine = null;
            thread = null;
            running = false;
        }
    }

    /**
     * Debezium refuses to close an engine whose tasks are still starting (to leak nothing): a stop
     * that comes right after the start waits for them, at most 30 s. It refuses as well to close an
     * engine that has already ended by itself (its completion callback ran): then there is nothing
     * left to close.
     */
    private void close(DebeziumEngine<?> engine) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException refused) {
                if (!running) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }
}
