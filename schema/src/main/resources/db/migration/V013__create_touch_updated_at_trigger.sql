CREATE FUNCTION touch_updated_at()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER tasks_touch_updated_at BEFORE UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER subtasks_touch_updated_at BEFORE UPDATE ON subtasks
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER task_queues_touch_updated_at BEFORE UPDATE ON task_queues
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
