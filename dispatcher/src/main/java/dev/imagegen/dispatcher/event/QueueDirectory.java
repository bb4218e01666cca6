package dev.imagegen.dispatcher.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Queue names by id, cached; a queue created after the last look is found by reloading on a miss. */
@Component
class QueueDirectory {

    private static final String ALL_QUEUES = """
            SELECT id, name FROM task_queues
            """;

    private final JdbcClient jdbc;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    QueueDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every queue's name, freshly read. */
    Map<Integer, String> reload() {
        jdbc.sql(ALL_QUEUES)
                .query((row, n) -> {
                    names.put(row.getInt("id"), row.getString("name"));
                    return null;
                })
                .list();
        return Map.copyOf(names);
    }

    String nameOf(int queueId) {
        String name = names.get(queueId);
        if (name == null) {
            name = reload().get(queueId);
        }
        if (name == null) {
            throw new UnmappableChangeException("No task_queues row with id " + queueId);
        }
        return name;
    }
}
