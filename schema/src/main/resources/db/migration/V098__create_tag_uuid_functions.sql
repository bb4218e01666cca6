-- The library tags a JSON array of tag objects names: the distinct values of "uuid" that are UUIDs.
-- Tags without a uuid, or with one that is not a UUID, name no library tag.
CREATE FUNCTION jsonb_tag_uuids(tags JSONB)
    RETURNS UUID[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT coalesce(array_agg(DISTINCT (tag ->> 'uuid')::UUID), '{}')
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(tags) = 'array' THEN tags ELSE '[]' END) AS tag
 WHERE jsonb_typeof(tag) = 'object'
   AND tag ->> 'uuid' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
$$;

-- The library tags a task uses: its fixed tags and every value of its tag variables.
CREATE FUNCTION task_tag_uuids(prompts JSONB, variables JSONB)
    RETURNS UUID[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT coalesce(array_agg(DISTINCT u), '{}')
  FROM (SELECT unnest(jsonb_tag_uuids(prompts)) AS u
        UNION ALL
        SELECT unnest(jsonb_tag_uuids(def -> 'values'))
          FROM jsonb_each(CASE WHEN jsonb_typeof(variables) = 'object' THEN variables ELSE '{}' END) AS v(key, def)
         WHERE jsonb_typeof(def) = 'object') AS used
$$;

-- The number of images in a subtask's result (its "images" array; 0 without one).
CREATE FUNCTION result_image_count(result JSONB)
    RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN jsonb_typeof(result -> 'images') = 'array' THEN jsonb_array_length(result -> 'images') ELSE 0 END
$$;
