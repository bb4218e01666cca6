-- One statement's effect on one tag: images and tasks that start (+) or stop (-) using it.
CREATE TYPE tag_count_change AS (tag_uuid UUID, images BIGINT, tasks INTEGER);

-- Applies a statement's changes to the tag counters the PixiShelf way, set-based: one aggregate per
-- tag, the touched tags locked in uuid order (so concurrent statements sharing tags cannot
-- deadlock), then ONE row update per tag, however many subtasks or tasks the statement touched.
-- A counter never goes below zero: it is clamped and the guard hit recorded in trigger_logs.
-- Changes naming a uuid that is not in the library are ignored.
-- enable_nestloop is on here even when the calling trigger turned it off for its transition
-- tables: the update finds each tag by primary key, not by scanning the library.
CREATE FUNCTION apply_tag_count_changes(changes tag_count_change[], source TEXT, operation TEXT)
    RETURNS VOID
    LANGUAGE plpgsql
    SET enable_nestloop = on
AS $$
DECLARE
    deltas tag_count_change[];
BEGIN
    SELECT array_agg(ROW(d.tag_uuid, d.images, d.tasks)::tag_count_change ORDER BY d.tag_uuid)
      INTO deltas
      FROM (SELECT c.tag_uuid, coalesce(sum(c.images), 0)::BIGINT AS images,
                   coalesce(sum(c.tasks), 0)::INTEGER AS tasks
              FROM unnest(changes) AS c
             WHERE c.tag_uuid IS NOT NULL
             GROUP BY c.tag_uuid) AS d
     WHERE d.images <> 0 OR d.tasks <> 0;
    IF deltas IS NULL THEN
        RETURN;
    END IF;

    PERFORM 1 FROM tags t
      WHERE t.uuid = ANY (ARRAY(SELECT d.tag_uuid FROM unnest(deltas) AS d))
      ORDER BY t.uuid
      FOR NO KEY UPDATE;

    INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value, error_message)
    SELECT source, operation, 'tags', t.uuid::TEXT,
           jsonb_build_object('image_count', t.image_count, 'task_count', t.task_count),
           jsonb_build_object('image_count', GREATEST(0, t.image_count + d.images),
                              'task_count', GREATEST(0, t.task_count + d.tasks),
                              'image_delta', d.images, 'task_delta', d.tasks),
           'tag counter would fall below zero; clamped to 0'
      FROM unnest(deltas) AS d
      JOIN tags t ON t.uuid = d.tag_uuid
     WHERE t.image_count + d.images < 0 OR t.task_count + d.tasks < 0;

    UPDATE tags t
       SET image_count = GREATEST(0, t.image_count + d.images),
           task_count = GREATEST(0, t.task_count + d.tasks)
      FROM unnest(deltas) AS d
     WHERE t.uuid = d.tag_uuid;
END
$$;
