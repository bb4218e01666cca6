package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** V090–V092: tasks.parameters, subtasks.parameters and backend_endpoints. */
class GenerationParametersColumnsTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("generation_parameters");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void tasksAndSubtasksWithoutParametersHoldAnEmptyObject() {
        UUID task = db.createTask(db.createUser("params-default"), "no parameters");
        db.insertSubtasks(task, 2);

        assertThat(db.jdbc
                        .sql("SELECT parameters::text FROM tasks WHERE id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("{}");
        assertThat(db.jdbc
                        .sql("SELECT DISTINCT parameters::text FROM subtasks WHERE task_id = ?")
                        .param(task)
                        .query(String.class)
                        .list())
                .containsExactly("{}");
    }

    @Test
    void aSubtaskKeepsItsOwnParametersBesideTheTasks() {
        int user = db.createUser("params-own");
        UUID task = db.jdbc.sql("""
                INSERT INTO tasks (name, user_id, parameters)
                VALUES ('grid', ?, '{"steps": {"is_variable": true, "variable_id": "v0"}, "cfg_scale": 7}')
                RETURNING id
                """).param(user).query(UUID.class).single();
        db.jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices, parameters)
                VALUES (?, '{"v0": 1}', '{"steps": 30, "cfg_scale": 7}')
                """).param(task).update();

        assertThat(db.jdbc
                        .sql("SELECT (parameters->>'steps')::int FROM subtasks WHERE task_id = ?")
                        .param(task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(30);
    }

    @Test
    void parametersMustBeAnObject() {
        int user = db.createUser("params-array");
        assertThatThrownBy(() -> db.jdbc
                        .sql("INSERT INTO tasks (name, user_id, parameters) VALUES ('bad', ?, '[1]')")
                        .param(user)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("check_tasks_parameters_object");
        UUID task = db.createTask(user, "bad subtask");
        assertThatThrownBy(() -> db.jdbc
                        .sql("INSERT INTO subtasks (task_id, parameters) VALUES (?, '\"steps\"')")
                        .param(task)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("check_subtasks_parameters_object");
    }

    @Test
    void anEndpointRowIsReplacedByTheLatestWorkerAndOnlyKnownNamesAreAccepted() {
        String upsert = """
                INSERT INTO backend_endpoints (name, backend_type, model, supported_parameters, registered_by)
                VALUES (?, ?, 'm', CAST(? AS jsonb), 'w')
                ON CONFLICT (name) DO UPDATE SET backend_type = EXCLUDED.backend_type,
                    supported_parameters = EXCLUDED.supported_parameters, updated_at = now()
                """;
        db.jdbc.sql(upsert).params("ops", "a1111", "[\"steps\"]").update();
        db.jdbc.sql(upsert).params("ops", "openai", "[\"quality\"]").update();

        assertThat(db.jdbc
                        .sql(
                                "SELECT backend_type || ' ' || supported_parameters::text FROM backend_endpoints WHERE name = 'ops'")
                        .query(String.class)
                        .single())
                .isEqualTo("openai [\"quality\"]");
        assertThatThrownBy(() ->
                        db.jdbc.sql(upsert).params("staging", "a1111", "[]").update())
                .hasMessageContaining("check_backend_endpoint_name");
        assertThatThrownBy(
                        () -> db.jdbc.sql(upsert).params("dev", "a1111", "{}").update())
                .hasMessageContaining("check_supported_parameters_array");
    }
}
