-- The text a person searches a task by: its name, then every tag's value and name, fixed or variable.
CREATE FUNCTION task_search_text(name TEXT, prompts JSONB, variables JSONB)
    RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT concat_ws(' ', name,
    (SELECT string_agg(concat_ws(' ', tag ->> 'value', tag ->> 'name'), ' ')
       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(prompts) = 'array' THEN prompts ELSE '[]' END) AS tag),
    (SELECT string_agg(concat_ws(' ', tag ->> 'value', tag ->> 'name'), ' ')
       FROM jsonb_each(CASE WHEN jsonb_typeof(variables) = 'object' THEN variables ELSE '{}' END) AS v(key, def),
            jsonb_array_elements(CASE WHEN jsonb_typeof(def -> 'values') = 'array' THEN def -> 'values' ELSE '[]' END) AS tag))
$$;

-- Serves both ILIKE '%term%' and similarity (%) queries on the same expression.
CREATE INDEX tasks_search_trgm_idx ON tasks USING gin (task_search_text(name, prompts, variables) gin_trgm_ops);
