package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskSearchTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("search");
        int user = db.createUser("search-user");
        insert(user, "幻想风景生成任务", """
                [{"uuid": "9b2f7c1e-0c4e-4f0e-9a51-3c1f0f1b2a01", "type": "prompt", "value": "misty mountains", "weight": 1.0, "name": "山"}]
                """, "{}");
        insert(user, "科幻人物生成任务", """
                [{"uuid": "9b2f7c1e-0c4e-4f0e-9a51-3c1f0f1b2a02", "type": "character", "value": "cyborg pilot", "weight": 1.2, "name": "机甲"}]
                """, """
                {"v0": {"type": "prompt", "values": [{"value": "neon alley", "name": "霓虹"}, {"value": "desert", "name": "沙漠"}]}}
                """);
        insert(user, "Lumina风格生成任务", """
                [{"uuid": "9b2f7c1e-0c4e-4f0e-9a51-3c1f0f1b2a03", "type": "lumina", "value": "soft light", "weight": 1.0, "name": "柔光"}]
                """, "{}");
    }

    static void insert(int user, String name, String prompts, String variables) {
        db.jdbc
                .sql("INSERT INTO tasks (name, user_id, prompts, variables) VALUES (?, ?, ?::jsonb, ?::jsonb)")
                .params(name, user, prompts, variables)
                .update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Substring match, or a word of the indexed text close to the term (trigram word similarity). */
    List<String> search(String term) {
        return db.jdbc.sql("""
                SELECT name FROM tasks
                 WHERE task_search_text(name, prompts, variables) ILIKE '%' || ? || '%'
                    OR ? <% task_search_text(name, prompts, variables)
                 ORDER BY word_similarity(?, task_search_text(name, prompts, variables)) DESC, name
                """).params(term, term, term).query(String.class).list();
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @CsvSource({
        "风景, 幻想风景生成任务",
        "lumina, Lumina风格生成任务",
        "LUMINA, Lumina风格生成任务",
        "misty, 幻想风景生成任务",
        "cyborg, 科幻人物生成任务",
        "neon alley, 科幻人物生成任务",
        "沙漠, 科幻人物生成任务",
        "柔光, Lumina风格生成任务",
    })
    void findsTasksByNameAndPromptText(String term, String expected) {
        assertThat(search(term)).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"montains misty", "cyborg pilott"})
    void toleratesTyposThroughTrigramSimilarity(String term) {
        assertThat(search(term)).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'; DROP TABLE tasks; --", "%", "zzzz"})
    void searchTermsAreDataNotSyntax(String term) {
        assertThat(search(term)).isEmpty();
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM tasks")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }
}
