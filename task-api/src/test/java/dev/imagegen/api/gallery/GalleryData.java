package dev.imagegen.api.gallery;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated gallery data for the benchmark: users, library tags with random names in three
 * languages, tasks of ten completed subtasks with five random tags each, half of them shared, and
 * likes. Written set-based in batches, through the same triggers as production writes.
 */
final class GalleryData {

    private final JdbcClient jdbc;

    GalleryData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void users(int count) {
        jdbc.sql("""
                INSERT INTO users (username, hashed_password, role)
                SELECT 'user' || i || '_' || substr(md5(i::text), 1, 6), 'x', 'user' FROM generate_series(1, ?) AS i
                """).param(count).update();
    }

    void tags(int count) {
        jdbc.sql("""
                INSERT INTO tags (uuid, type, name, value, name_zh, name_en)
                SELECT new_uuid(), (ARRAY['prompt', 'character', 'element', 'lumina'])[1 + i % 4],
                       n.name, n.name || ' value', n.zh, initcap(n.en)
                  FROM generate_series(1, ?) AS i,
                       LATERAL (SELECT translate(substr(md5('n' || i), 1, 9), '0123456789', 'ghijklmnop') AS name,
                                       translate(substr(md5('e' || i), 1, 10), '0123456789', 'qrstuvwxyz') AS en,
                                       chr(19968 + (i * 7) % 20000) || chr(19968 + (i * 13) % 20000)
                                           || chr(19968 + (i * 31) % 20000) AS zh) AS n
                """).param(count).update();
        jdbc.sql("CREATE TABLE bench_tags AS SELECT row_number() OVER () AS n, uuid, type, value FROM tags")
                .update();
        jdbc.sql("ALTER TABLE bench_tags ADD PRIMARY KEY (n)").update();
    }

    /** Tasks of ten completed subtasks, each subtask with five random tags and two images. */
    void artworks(int count, int batch) {
        int users = jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single();
        int tags =
                jdbc.sql("SELECT count(*) FROM bench_tags").query(Integer.class).single();
        for (int done = 0; done < count; done += batch) {
            int tasks = Math.max(1, Math.min(batch, count - done) / 10);
            jdbc.sql("""
                    WITH t AS (
                        INSERT INTO tasks (name, user_id, visibility, prompts)
                        SELECT 'task ' || substr(md5(random()::text), 1, 12), 1 + floor(random() * :users)::int,
                               CASE WHEN random() < 0.5 THEN 'shared' ELSE 'private' END::task_visibility, '[]'
                          FROM generate_series(1, :tasks)
                        RETURNING id)
                    INSERT INTO subtasks (task_id, variable_indices, prompts, status, completed_at, result)
                    SELECT t.id, jsonb_build_object('v0', k),
                           (SELECT jsonb_agg(jsonb_build_object('uuid', b.uuid, 'type', b.type, 'value', b.value))
                              FROM (SELECT (1 + floor(random() * :tags))::bigint AS r
                                      FROM generate_series(1, 5) WHERE k >= 0) AS g
                              JOIN bench_tags b ON b.n = g.r),
                           'completed', now() - random() * interval '365 days',
                           '{"images": [{"url": "/images/a.png"}, {"url": "/images/b.png"}]}'
                      FROM t, generate_series(0, 9) AS k
                    """)
                    .param("users", users)
                    .param("tasks", tasks)
                    .param("tags", tags)
                    .update();
        }
    }

    /** About {@code perArtwork} likes per artwork on average, from random users, skewed to a few artworks. */
    void likes(double perArtwork) {
        jdbc.sql("""
                INSERT INTO artwork_likes (subtask_id, user_id)
                SELECT a.subtask_id, u.first + floor(random() * u.n)::int
                  FROM artworks a, generate_series(1, 4) AS g,
                       (SELECT min(id) AS first, count(*) AS n FROM users) AS u
                 WHERE random() < :p / (g * g)
                ON CONFLICT DO NOTHING
                """).param("p", perArtwork / 1.42).update();
    }
}
