package dev.imagegen.api.submit;

import dev.imagegen.api.log.TaskLog;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a task, all its subtasks, its place in the queue's backlog and its first admitted attempts in ONE transaction, with one
 * statement per table whatever the number of subtasks. The task's counters come from the triggers.
 */
@Component
class TaskWriter {

    private static final String FIND_QUEUE = "SELECT id FROM task_queues WHERE name = :name";

    private static final String FIND_BY_IDEMPOTENCY_KEY = """
            SELECT id FROM tasks WHERE user_id = :userId AND idempotency_key = :key
            """;

    private static final String INSERT_TASK = """
            INSERT INTO tasks (id, name, user_id, make_api_queue, priority, prompts, ratio, seed, batch_size,
                               polish, variables, idempotency_key, queue_id, parameters)
            VALUES (:id, :name, :userId, :makeApiQueue, :priority, CAST(:prompts AS jsonb), CAST(:ratio AS jsonb),
                    CAST(:seed AS jsonb), CAST(:batchSize AS jsonb), CAST(:polish AS jsonb), CAST(:variables AS jsonb),
                    :key, :queueId, CAST(:parameters AS jsonb))
            ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """;

    private static final String INSERT_SUBTASKS = """
            INSERT INTO subtasks (task_id, id, seq, variable_indices, prompts, ratio, seed, use_polish, batch_size,
                                  parameters)
            SELECT :taskId, r.id, r.seq, r.variable_indices, r.prompts, r.ratio, r.seed, r.use_polish, r.batch_size,
                   r.parameters
              FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                   AS r(id uuid, seq integer, variable_indices jsonb, prompts jsonb, ratio varchar, seed bigint,
                        use_polish boolean, batch_size integer, parameters jsonb)
            """;

    /** The subtasks join their queue's backlog; the first ones are admitted at once when there is room (V160). */
    private static final String ENQUEUE_BACKLOG = "SELECT enqueue_task_backlog(:taskId)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TaskLog taskLog;
    private final LibraryTags library;
    private final ObjectMapper mapper;

    TaskWriter(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            TaskLog taskLog,
            LibraryTags library,
            ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.taskLog = taskLog;
        this.library = library;
        this.mapper = mapper;
    }

    Optional<UUID> findByIdempotencyKey(int userId, String key) {
        return jdbc.sql(FIND_BY_IDEMPOTENCY_KEY)
                .param("userId", userId)
                .param("key", key)
                .query(UUID.class)
                .optional();
    }

    int queueId(String name) {
        return jdbc.sql(FIND_QUEUE)
                .param("name", name)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException("routing names queue " + name + ", which does not exist"));
    }

    /**
     * Writes everything, or nothing: the tags the library lacks, the task, its subtasks and their
     * attempts; answers the first task's id when the idempotency key was used before.
     */
    Written write(
            TaskSubmission task, SubtaskRows rows, String newTags, int userId, String key, int queueId, String queue) {
        UUID taskId = UUID.randomUUID();
        return transaction.execute(status -> {
            library.insert(newTags, userId);
            int inserted = jdbc.sql(INSERT_TASK)
                    .param("id", taskId)
                    .param("name", task.name())
                    .param("userId", userId)
                    .param("makeApiQueue", task.makeApiQueue())
                    .param("priority", task.priority())
                    .param("prompts", mapper.writeValueAsString(task.prompts()))
                    .param("ratio", settingJson(task.ratio()))
                    .param("seed", settingJson(task.seed()))
                    .param("batchSize", settingJson(task.batchSize()))
                    .param("polish", settingJson(task.polish()))
                    .param("variables", mapper.writeValueAsString(task.variablesJson()))
                    .param("key", key)
                    .param("queueId", queueId)
                    .param("parameters", mapper.writeValueAsString(task.parametersJson()))
                    .update();
            if (inserted == 0) {
                return new Written(findByIdempotencyKey(userId, key).orElseThrow(), true);
            }
            jdbc.sql(INSERT_SUBTASKS)
                    .param("taskId", taskId)
                    .param("rows", rows.json)
                    .update();
            jdbc.sql(ENQUEUE_BACKLOG)
                    .param("taskId", taskId)
                    .query(Integer.class)
                    .single();
            ObjectNode details = mapper.createObjectNode()
                    .put("total_images", rows.count)
                    .put("queue", queue)
                    .put("idempotency_key", key);
            taskLog.record(taskId, null, "created", mapper.writeValueAsString(details));
            return new Written(taskId, false);
        });
    }

    private String settingJson(TaskSubmission.Setting setting) {
        ObjectNode node = mapper.createObjectNode();
        node.set("value", setting.value());
        node.put("is_variable", setting.isVariable());
        node.put("variable_id", setting.variableId());
        return mapper.writeValueAsString(node);
    }

    /** The task's id, and whether it was written before under the same idempotency key. */
    record Written(UUID taskId, boolean replayed) {}
}
