-- Task lists page newest first by (created_at, id); deleted tasks are never listed.
CREATE INDEX tasks_listing_idx ON tasks (created_at DESC, id DESC) WHERE NOT is_deleted;
