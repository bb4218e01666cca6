-- The tag library (seed 003's Tag): the tags people pick from, keyed by the uuid a task's tag
-- objects carry, with Chinese and English names and a header image for characters. image_count
-- (completed images that use the tag) and task_count (tasks that use it) are kept by triggers
-- (V100, V101); nobody else writes them.
CREATE TABLE tags (
    uuid          UUID         PRIMARY KEY,
    type          VARCHAR(20)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    value         TEXT         NOT NULL,
    name_zh       VARCHAR(255),
    name_en       VARCHAR(255),
    header_img    TEXT,
    created_by    INTEGER      REFERENCES users (id) ON DELETE SET NULL,
    image_count   BIGINT       NOT NULL DEFAULT 0,
    task_count    INTEGER      NOT NULL DEFAULT 0,
    -- The seed's multilingual search vector: the simple configuration (no stemming) over the three
    -- names. Generated, so no trigger can forget it.
    search_vector TSVECTOR     GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(name_zh, '') || ' ' || coalesce(name_en, ''))) STORED,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT check_tag_type CHECK (type IN ('prompt', 'character', 'element', 'lumina')),
    CONSTRAINT check_tag_counters_not_negative CHECK (image_count >= 0 AND task_count >= 0)
);

-- The text a tag is searched by: its three names.
CREATE FUNCTION tag_search_text(name TEXT, name_zh TEXT, name_en TEXT)
    RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT concat_ws(' ', name, name_zh, name_en)
$$;

CREATE INDEX tags_search_vector_idx ON tags USING gin (search_vector);
-- Typos and partial words: word similarity (term <% text) and substring (ILIKE, Chinese included).
CREATE INDEX tags_search_trgm_idx ON tags USING gin (tag_search_text(name, name_zh, name_en) gin_trgm_ops);
-- Submission matches a tag sent without a uuid by its type and value.
CREATE INDEX tags_type_value_idx ON tags (type, value);
-- Browsing the library without a search term: by name.
CREATE INDEX tags_name_idx ON tags (name, uuid);

CREATE TRIGGER tags_touch_updated_at BEFORE UPDATE ON tags
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
