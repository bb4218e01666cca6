-- Every gallery counter next to a recount from the rows it counts:
--   artwork exists      <- the subtask is completed;
--   artwork image_count <- the images in the subtask's result;
--   artwork like_count  <- its artwork_likes rows;
--   tag image_count     <- images of completed subtasks whose prompts name the tag;
--   tag task_count      <- tasks whose fixed tags or tag variables name the tag.
-- One row per drifted counter; an artwork that should not exist has expected 0 for 'exists'.
CREATE FUNCTION check_gallery_counters_consistency()
    RETURNS TABLE (kind TEXT, record_id TEXT, counter TEXT, actual BIGINT, expected BIGINT)
    LANGUAGE sql STABLE
AS $$
WITH completed AS (
    SELECT s.task_id, s.id, result_image_count(s.result) AS images, jsonb_tag_uuids(s.prompts) AS tags
      FROM subtasks s
     WHERE s.status = 'completed'),
tag_images AS (
    SELECT u AS tag_uuid, sum(c.images) AS images FROM completed c, unnest(c.tags) AS u GROUP BY u),
tag_tasks AS (
    SELECT u AS tag_uuid, count(*) AS tasks FROM tasks t, unnest(task_tag_uuids(t.prompts, t.variables)) AS u GROUP BY u),
likes AS (
    SELECT l.subtask_id, count(*) AS likes FROM artwork_likes l GROUP BY l.subtask_id)
SELECT * FROM (
    SELECT 'artwork', coalesce(c.id, a.subtask_id)::TEXT, 'exists',
           (a.subtask_id IS NOT NULL)::INTEGER::BIGINT, (c.id IS NOT NULL)::INTEGER::BIGINT
      FROM completed c
      FULL JOIN artworks a ON a.subtask_id = c.id AND a.task_id = c.task_id
     WHERE c.id IS NULL OR a.subtask_id IS NULL
    UNION ALL
    SELECT 'artwork', a.subtask_id::TEXT, 'image_count', a.image_count::BIGINT, c.images::BIGINT
      FROM completed c
      JOIN artworks a ON a.subtask_id = c.id AND a.task_id = c.task_id
     WHERE a.image_count <> c.images
    UNION ALL
    SELECT 'artwork', a.subtask_id::TEXT, 'like_count', a.like_count::BIGINT, coalesce(l.likes, 0)
      FROM artworks a
      LEFT JOIN likes l ON l.subtask_id = a.subtask_id
     WHERE a.like_count <> coalesce(l.likes, 0)
    UNION ALL
    SELECT 'tag', t.uuid::TEXT, 'image_count', t.image_count, coalesce(i.images, 0)::BIGINT
      FROM tags t
      LEFT JOIN tag_images i ON i.tag_uuid = t.uuid
     WHERE t.image_count <> coalesce(i.images, 0)
    UNION ALL
    SELECT 'tag', t.uuid::TEXT, 'task_count', t.task_count::BIGINT, coalesce(n.tasks, 0)
      FROM tags t
      LEFT JOIN tag_tasks n ON n.tag_uuid = t.uuid
     WHERE t.task_count <> coalesce(n.tasks, 0)) AS drift (kind, record_id, counter, actual, expected)
 ORDER BY kind, record_id, counter
$$;

-- Repairs every drifted gallery counter from a recount (missing artworks are created, stray ones
-- deleted), records each repair in trigger_logs, and returns what was repaired (the rows
-- check_gallery_counters_consistency returned).
CREATE FUNCTION fix_gallery_counter_inconsistencies()
    RETURNS TABLE (kind TEXT, record_id TEXT, counter TEXT, actual BIGINT, expected BIGINT)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    drift RECORD;
BEGIN
    CREATE TEMPORARY TABLE gallery_drift ON COMMIT DROP AS
        SELECT * FROM check_gallery_counters_consistency();

    DELETE FROM artworks a
     USING gallery_drift d
     WHERE d.kind = 'artwork' AND d.counter = 'exists' AND d.expected = 0 AND a.subtask_id = d.record_id::UUID;

    INSERT INTO artworks (subtask_id, task_id, image_count, created_at)
    SELECT s.id, s.task_id, result_image_count(s.result), coalesce(s.completed_at, now())
      FROM gallery_drift d
      JOIN subtasks s ON s.id = d.record_id::UUID AND s.status = 'completed'
     WHERE d.kind = 'artwork' AND d.counter = 'exists' AND d.expected = 1
     ORDER BY s.id
        ON CONFLICT (subtask_id) DO NOTHING;

    UPDATE artworks a SET image_count = d.expected
      FROM gallery_drift d
     WHERE d.kind = 'artwork' AND d.counter = 'image_count' AND a.subtask_id = d.record_id::UUID;

    UPDATE artworks a SET like_count = (SELECT count(*) FROM artwork_likes l WHERE l.subtask_id = a.subtask_id)
      FROM gallery_drift d
     WHERE d.kind = 'artwork' AND d.counter = 'like_count' AND a.subtask_id = d.record_id::UUID;

    UPDATE tags t SET image_count = d.expected
      FROM gallery_drift d
     WHERE d.kind = 'tag' AND d.counter = 'image_count' AND t.uuid = d.record_id::UUID;

    UPDATE tags t SET task_count = d.expected
      FROM gallery_drift d
     WHERE d.kind = 'tag' AND d.counter = 'task_count' AND t.uuid = d.record_id::UUID;

    FOR drift IN SELECT * FROM gallery_drift ORDER BY kind, record_id, counter LOOP
        INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value)
        VALUES ('fix_gallery_counter_inconsistencies', 'FIX',
                CASE drift.kind WHEN 'tag' THEN 'tags' ELSE 'artworks' END, drift.record_id,
                jsonb_build_object(drift.counter, drift.actual),
                jsonb_build_object(drift.counter, drift.expected));
        kind := drift.kind;
        record_id := drift.record_id;
        counter := drift.counter;
        actual := drift.actual;
        expected := drift.expected;
        RETURN NEXT;
    END LOOP;
    DROP TABLE gallery_drift;
END
$$;
