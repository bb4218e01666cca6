-- One like given (+1) or taken back (-1) on an artwork.
CREATE TYPE artwork_like_change AS (subtask_id UUID, sign INTEGER);

-- artworks.like_count, per statement: one aggregate per artwork, artworks locked in subtask_id
-- order (concurrent likers of the same artworks cannot deadlock), one update per artwork. Never
-- below zero: a clamp is recorded in trigger_logs.
CREATE FUNCTION apply_artwork_like_changes(changes artwork_like_change[], operation TEXT)
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    deltas artwork_like_change[];
BEGIN
    SELECT array_agg(ROW(d.subtask_id, d.delta)::artwork_like_change ORDER BY d.subtask_id)
      INTO deltas
      FROM (SELECT c.subtask_id, sum(c.sign)::INTEGER AS delta
              FROM unnest(changes) AS c
             GROUP BY c.subtask_id) AS d
     WHERE d.delta <> 0;
    IF deltas IS NULL THEN
        RETURN;
    END IF;

    PERFORM 1 FROM artworks a
      WHERE a.subtask_id = ANY (ARRAY(SELECT d.subtask_id FROM unnest(deltas) AS d))
      ORDER BY a.subtask_id
      FOR NO KEY UPDATE;

    INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value, error_message)
    SELECT 'artwork_likes_count', operation, 'artworks', a.subtask_id::TEXT,
           jsonb_build_object('like_count', a.like_count),
           jsonb_build_object('like_count', 0, 'delta', d.sign),
           'like_count would fall below zero; clamped to 0'
      FROM unnest(deltas) AS d
      JOIN artworks a ON a.subtask_id = d.subtask_id
     WHERE a.like_count + d.sign < 0;

    UPDATE artworks a
       SET like_count = GREATEST(0, a.like_count + d.sign)
      FROM unnest(deltas) AS d
     WHERE a.subtask_id = d.subtask_id;
END
$$;

CREATE FUNCTION count_artwork_likes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM apply_artwork_like_changes(ARRAY(
            SELECT ROW(n.subtask_id, 1)::artwork_like_change FROM new_rows n), TG_OP);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM apply_artwork_like_changes(ARRAY(
            SELECT ROW(o.subtask_id, -1)::artwork_like_change FROM old_rows o
            UNION ALL
            SELECT ROW(n.subtask_id, 1)::artwork_like_change FROM new_rows n), TG_OP);
    ELSE
        PERFORM apply_artwork_like_changes(ARRAY(
            SELECT ROW(o.subtask_id, -1)::artwork_like_change FROM old_rows o), TG_OP);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER artwork_likes_count_inserts AFTER INSERT ON artwork_likes
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_artwork_likes();
CREATE TRIGGER artwork_likes_count_updates AFTER UPDATE ON artwork_likes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_artwork_likes();
CREATE TRIGGER artwork_likes_count_deletes AFTER DELETE ON artwork_likes
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_artwork_likes();
