package dev.imagegen.dispatcher;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes users, tasks, subtasks and queue_tasks with plain SQL, as the task API would. */
final class TestRows {

    private static final String INSERT_USER = """
            INSERT INTO users (username, hashed_password) VALUES (:username, 'x') RETURNING id
            """;
    private static final String INSERT_TASK = """
            INSERT INTO tasks (name, user_id) VALUES ('dispatch test', :userId) RETURNING id
            """;
    private static final String INSERT_SUBTASK = """
            INSERT INTO subtasks (task_id) VALUES (:taskId) RETURNING id
            """;
    private static final String QUEUE_ID = """
            SELECT id FROM task_queues WHERE name = :name
            """;
    private static final String INSERT_QUEUE_TASK = """
            INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
            VALUES (:queueId, :taskId, :subtaskId, 2) RETURNING id
            """;

    private final JdbcClient jdbc;

    TestRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A task of a new user with n pending subtasks. */
    TaskRows task(int subtasks) {
        int userId = jdbc.sql(INSERT_USER)
                .param("username", "u" + UUID.randomUUID().toString().substring(0, 12))
                .query(Integer.class)
                .single();
        UUID taskId =
                jdbc.sql(INSERT_TASK).param("userId", userId).query(UUID.class).single();
        List<UUID> ids = IntStream.range(0, subtasks)
                .mapToObj(i -> jdbc.sql(INSERT_SUBTASK)
                        .param("taskId", taskId)
                        .query(UUID.class)
                        .single())
                .toList();
        return new TaskRows(taskId, ids);
    }

    int queueId(String queueName) {
        return jdbc.sql(QUEUE_ID).param("name", queueName).query(Integer.class).single();
    }

    /** One dispatch attempt; returns the queue_tasks id. */
    long enqueue(String queueName, UUID taskId, UUID subtaskId) {
        return jdbc.sql(INSERT_QUEUE_TASK)
                .param("queueId", queueId(queueName))
                .param("taskId", taskId)
                .param("subtaskId", subtaskId)
                .query(Long.class)
                .single();
    }

    /** A task and its subtask ids. */
    record TaskRows(UUID taskId, List<UUID> subtaskIds) {}
}
