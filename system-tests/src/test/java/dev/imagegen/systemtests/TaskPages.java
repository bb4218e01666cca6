package dev.imagegen.systemtests;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Tasks submitted for the task page's tests, and what the tests read of them in the database. */
final class TaskPages {

    static final Duration GENERATION = Duration.ofSeconds(90);

    private TaskPages() {}

    /** Submits a task as user1 and answers its id. */
    static String submit(String json) throws Exception {
        String location = User1Calls.submit(json);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A variable of {@code count} tags of a type, named "{name} 1", "{name} 2" … after values "{value} 1" …. */
    static String variable(String type, String value, String name, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"type\": \"%s\", \"value\": \"%s %d\", \"name\": \"%s %d\"}"
                        .formatted(type, value, i, name, i))
                .collect(Collectors.joining(", ", "{\"type\": \"" + type + "\", \"values\": [", "]}"));
    }

    /** Cancels the task through the API and waits until nothing of it runs, so it holds up no later test. */
    static void cancel(String taskId) throws Exception {
        User1Calls.send("POST", "/api/tasks/" + taskId + "/cancel", null);
        await().atMost(GENERATION)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Integer.parseInt(
                                single("SELECT processing_subtasks::text FROM tasks WHERE id = ?::uuid", taskId))
                        == 0);
    }

    /** Waits until the task is finished in the database. */
    static void awaitFinished(String taskId) {
        await().atMost(GENERATION).pollInterval(Duration.ofMillis(250)).until(() -> {
            String status = status(taskId);
            return List.of("completed", "failed", "cancelled").contains(status);
        });
    }

    static String status(String taskId) throws SQLException {
        return single("SELECT status::text FROM tasks WHERE id = ?::uuid", taskId);
    }

    static String subtaskStatus(String subtaskId) throws SQLException {
        return single("SELECT status::text FROM subtasks WHERE id = ?::uuid", subtaskId);
    }

    static int completedSubtasks(String taskId) throws SQLException {
        return Integer.parseInt(single("SELECT completed_subtasks::text FROM tasks WHERE id = ?::uuid", taskId));
    }

    static void setQueueActive(String queue, boolean active) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement update =
                        connection.prepareStatement("UPDATE task_queues SET is_active = ? WHERE name = ?")) {
            update.setBoolean(1, active);
            update.setString(2, queue);
            update.executeUpdate();
        }
    }

    static List<String> subtaskIds(String taskId) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id::text FROM subtasks WHERE task_id = ?::uuid ORDER BY id")) {
            query.setString(1, taskId);
            ResultSet rows = query.executeQuery();
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static String single(String sql, String id) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            ResultSet rows = query.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
