-- tags.task_count: the tasks whose fixed tags or tag variables name the tag. Inserts and deletes of
-- tasks are counted per statement from the transition tables (one update per tag touched); a task's
-- tags change only by an UPDATE of prompts or variables, which nothing in the product does, so that
-- rare case is a row trigger that costs nothing on the frequent counter updates of tasks.
CREATE FUNCTION count_task_tags()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM apply_tag_count_changes(ARRAY(
            SELECT ROW(u, 0, 1)::tag_count_change
              FROM new_rows n, unnest(task_tag_uuids(n.prompts, n.variables)) AS u), 'tasks_count_tags', TG_OP);
    ELSE
        PERFORM apply_tag_count_changes(ARRAY(
            SELECT ROW(u, 0, -1)::tag_count_change
              FROM old_rows o, unnest(task_tag_uuids(o.prompts, o.variables)) AS u), 'tasks_count_tags', TG_OP);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION count_changed_task_tags()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM apply_tag_count_changes(ARRAY(
        SELECT ROW(u, 0, -1)::tag_count_change FROM unnest(task_tag_uuids(OLD.prompts, OLD.variables)) AS u
        UNION ALL
        SELECT ROW(u, 0, 1)::tag_count_change FROM unnest(task_tag_uuids(NEW.prompts, NEW.variables)) AS u),
        'tasks_count_tags', TG_OP);
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_count_tags_inserts AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_task_tags();
CREATE TRIGGER tasks_count_tags_deletes AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_task_tags();
CREATE TRIGGER tasks_count_tags_updates AFTER UPDATE OF prompts, variables ON tasks
    FOR EACH ROW
    WHEN (OLD.prompts IS DISTINCT FROM NEW.prompts OR OLD.variables IS DISTINCT FROM NEW.variables)
    EXECUTE FUNCTION count_changed_task_tags();
