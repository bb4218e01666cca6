-- One subtask's gallery facts before and after a statement: whether it was (is) a completed
-- artwork, its images, and the library tags its prompts name.
CREATE TYPE artwork_change AS (
    task_id UUID, subtask_id UUID,
    was_artwork BOOLEAN, is_artwork BOOLEAN,
    images_before INTEGER, images_after INTEGER,
    tags_before UUID[], tags_after UUID[],
    completed_at TIMESTAMPTZ);

-- Writes a statement's artwork changes: artworks that stopped being one are deleted (their likes
-- go with them), new or changed ones are upserted in subtask order, and each tag's image_count
-- moves by the images that started or stopped using it, one update per tag.
CREATE FUNCTION apply_artwork_changes(changes artwork_change[], operation TEXT)
    RETURNS VOID
    LANGUAGE plpgsql
    SET enable_nestloop = on
AS $$
BEGIN
    DELETE FROM artworks a
     WHERE a.subtask_id = ANY (ARRAY(SELECT c.subtask_id FROM unnest(changes) AS c
                                     WHERE c.was_artwork AND NOT c.is_artwork));

    INSERT INTO artworks (subtask_id, task_id, image_count, created_at)
    SELECT c.subtask_id, c.task_id, c.images_after, coalesce(c.completed_at, now())
      FROM unnest(changes) AS c
     WHERE c.is_artwork
     ORDER BY c.subtask_id
        ON CONFLICT (subtask_id) DO UPDATE SET image_count = EXCLUDED.image_count
     WHERE artworks.image_count IS DISTINCT FROM EXCLUDED.image_count;

    PERFORM apply_tag_count_changes(ARRAY(
        SELECT ROW(u, -c.images_before, 0)::tag_count_change
          FROM unnest(changes) AS c, unnest(c.tags_before) AS u
         WHERE c.was_artwork
        UNION ALL
        SELECT ROW(u, c.images_after, 0)::tag_count_change
          FROM unnest(changes) AS c, unnest(c.tags_after) AS u
         WHERE c.is_artwork), 'subtasks_sync_artworks', operation);
END
$$;

-- Statement-level on subtasks, whatever function or batch wrote them: a statement that completes
-- 10,000 subtasks costs one pass over its transition tables, one artworks insert and one update per
-- tag touched. Statements that touch no completed subtask (claims, renewals, failures) return
-- after two scans of their own rows.
CREATE FUNCTION sync_artworks_from_subtasks()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    -- Transition tables carry no statistics: pairing old and new rows by nested loop is quadratic.
    SET enable_nestloop = off
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM new_rows n WHERE n.status = 'completed') THEN
            PERFORM apply_artwork_changes(ARRAY(
                SELECT ROW(n.task_id, n.id, false, true, 0, result_image_count(n.result),
                           '{}'::UUID[], jsonb_tag_uuids(n.prompts), n.completed_at)::artwork_change
                  FROM new_rows n WHERE n.status = 'completed'), TG_OP);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM old_rows o WHERE o.status = 'completed') THEN
            PERFORM apply_artwork_changes(ARRAY(
                SELECT ROW(o.task_id, o.id, true, false, result_image_count(o.result), 0,
                           jsonb_tag_uuids(o.prompts), '{}'::UUID[], o.completed_at)::artwork_change
                  FROM old_rows o WHERE o.status = 'completed'), TG_OP);
        END IF;
    ELSIF EXISTS (SELECT 1 FROM new_rows n WHERE n.status = 'completed')
       OR EXISTS (SELECT 1 FROM old_rows o WHERE o.status = 'completed') THEN
        PERFORM apply_artwork_changes(ARRAY(
            SELECT ROW(n.task_id, n.id, o.status = 'completed', n.status = 'completed',
                       result_image_count(o.result), result_image_count(n.result),
                       jsonb_tag_uuids(o.prompts), jsonb_tag_uuids(n.prompts), n.completed_at)::artwork_change
              FROM new_rows n
              JOIN old_rows o ON o.task_id = n.task_id AND o.id = n.id
             WHERE (o.status = 'completed' OR n.status = 'completed')
               AND (o.status IS DISTINCT FROM n.status
                    OR o.result IS DISTINCT FROM n.result
                    OR o.prompts IS DISTINCT FROM n.prompts)), TG_OP);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER subtasks_sync_artworks_inserts AFTER INSERT ON subtasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sync_artworks_from_subtasks();
CREATE TRIGGER subtasks_sync_artworks_updates AFTER UPDATE ON subtasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sync_artworks_from_subtasks();
CREATE TRIGGER subtasks_sync_artworks_deletes AFTER DELETE ON subtasks
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sync_artworks_from_subtasks();
