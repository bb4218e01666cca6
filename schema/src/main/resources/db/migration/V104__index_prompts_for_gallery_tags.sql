-- The seed's GIN indexes on prompts (jsonb_path_ops), decided:
--   subtasks_prompts_idx earns its place: the gallery's artworks of a tag are the completed subtasks
--   whose prompts name it,
--       SELECT ... FROM subtasks s WHERE s.prompts @> jsonb_build_array(jsonb_build_object('uuid', :tag))
--   (GalleryQuery in task-api, "by tag"), one probe per partition.
--   tasks_prompts_idx is dropped: no query looks tasks up by their fixed tags (a task's tags are
--   counted by trigger into tags.task_count, and tasks by tag are found through their subtasks),
--   and it cost every task insert a GIN update.
COMMENT ON INDEX subtasks_prompts_idx IS
    'gallery by tag: prompts @> jsonb_build_array(jsonb_build_object(''uuid'', tag uuid))';
DROP INDEX tasks_prompts_idx;
