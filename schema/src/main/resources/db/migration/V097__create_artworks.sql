-- The gallery: every completed subtask is an artwork, its result's images. Rows are written only
-- by the subtask trigger (V100); image_count is the number of images in the result and
-- like_count the number of artwork_likes rows (V102), both kept by statement-level triggers.
CREATE TABLE artworks (
    subtask_id  UUID        PRIMARY KEY,
    task_id     UUID        NOT NULL,
    image_count INTEGER     NOT NULL DEFAULT 0,
    like_count  INTEGER     NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT fk_artworks_subtask FOREIGN KEY (task_id, subtask_id) REFERENCES subtasks (task_id, id) ON DELETE CASCADE,
    CONSTRAINT check_artwork_counters_not_negative CHECK (image_count >= 0 AND like_count >= 0)
);

CREATE INDEX artworks_task_idx ON artworks (task_id);
-- Gallery pages: newest first, and most liked first; both keyset-paged on subtask_id.
CREATE INDEX artworks_newest_idx ON artworks (created_at DESC, subtask_id DESC);
CREATE INDEX artworks_most_liked_idx ON artworks (like_count DESC, subtask_id DESC);

-- One like per person and artwork; liking twice is the same like.
CREATE TABLE artwork_likes (
    subtask_id UUID        NOT NULL REFERENCES artworks (subtask_id) ON DELETE CASCADE,
    user_id    INTEGER     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subtask_id, user_id)
);

CREATE INDEX artwork_likes_user_idx ON artwork_likes (user_id, subtask_id);
