package dev.imagegen.dispatcher.offset;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Keeps the engine's source offsets in the {@code dispatcher_offsets} table of the captured
 * database, so any instance that wins the leader lock resumes them, and they survive the loss of
 * the Kafka cluster together with the replication slot they describe. Debezium creates it by
 * class name; it reads its connection from the engine properties {@link #URL}, {@link #USER},
 * {@link #PASSWORD} and its row key from {@link #STORE_NAME}.
 */
public class PostgresOffsetBackingStore extends MemoryOffsetBackingStore {

    public static final String URL = "imagegen.offsets.jdbc.url";
    public static final String USER = "imagegen.offsets.jdbc.user";
    public static final String PASSWORD = "imagegen.offsets.jdbc.password";
    public static final String STORE_NAME = "imagegen.offsets.name";

    private static final String LOAD_OFFSETS = """
            SELECT offset_key, offset_value FROM dispatcher_offsets WHERE store_name = ?
            """;
    private static final String SAVE_OFFSET = """
            INSERT INTO dispatcher_offsets (store_name, offset_key, offset_value) VALUES (?, ?, ?)
            ON CONFLICT (store_name, offset_key)
            DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()
            """;

    private String url;
    private String user;
    private String password;
    private String storeName;

    public PostgresOffsetBackingStore() {}

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        url = required(originals, URL);
        user = required(originals, USER);
        password = String.valueOf(originals.getOrDefault(PASSWORD, ""));
        storeName = required(originals, STORE_NAME);
    }

    @Override
    public synchronized void start() {
        super.start();
        try (Connection connection = connect();
                PreparedStatement load = connection.prepareStatement(LOAD_OFFSETS)) {
            load.setString(1, storeName);
            try (ResultSet rows = load.executeQuery()) {
                while (rows.next()) {
                    byte[] value = rows.getBytes(2);
                    data.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("Cannot load dispatcher offsets: " + e.getMessage(), e);
        }
    }

    /** Runs on the store's single executor after each flush put the new offsets into {@code data}. */
    @Override
    protected void save() {
        try (Connection connection = connect();
                PreparedStatement upsert = connection.prepareStatement(SAVE_OFFSET)) {
            connection.setAutoCommit(false);
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                upsert.setString(1, storeName);
                upsert.setBytes(2, bytes(entry.getKey()));
                upsert.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new ConnectException("Cannot save dispatcher offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String required(Map<String, Object> originals, String key) {
        Object value = originals.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConnectException("Missing engine property " + key);
        }
        return value.toString();
    }
}
