-- sync_artworks_from_subtasks (V100) read the tags and image count of both sides of every changed
-- subtask; a completion only needs them for the side that is an artwork. Reading them only there
-- halves the calls to jsonb_tag_uuids and result_image_count when a statement completes subtasks
-- (the time saved was small and noisy to measure: docs/benchmarks.md).
CREATE OR REPLACE FUNCTION sync_artworks_from_subtasks()
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
                       CASE WHEN o.status = 'completed' THEN result_image_count(o.result) ELSE 0 END,
                       CASE WHEN n.status = 'completed' THEN result_image_count(n.result) ELSE 0 END,
                       CASE WHEN o.status = 'completed' THEN jsonb_tag_uuids(o.prompts) ELSE '{}'::UUID[] END,
                       CASE WHEN n.status = 'completed' THEN jsonb_tag_uuids(n.prompts) ELSE '{}'::UUID[] END,
                       n.completed_at)::artwork_change
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
