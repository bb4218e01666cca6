package dev.imagegen.api.gallery;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.task.TaskVisibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Pages of artworks, newest or most liked first, keyset-paged on (sort key, subtask id). Filters are
 * fixed SQL fragments joined with AND. By tag, the completed subtasks whose prompts name the tag
 * come from subtasks_prompts_idx (GIN, jsonb_path_ops); q matches the task name, the evaluation or
 * the user name by substring or word similarity.
 */
@Component
class GalleryQuery {

    // The page is chosen first, from artworks and their tasks only (the sort's index, then the task
    // by primary key for visibility), and only its rows are completed with images, owner and tags:
    // joining subtasks and users before the LIMIT made the planner misjudge the join and hash them whole.
    private static final String SELECT = """
            SELECT p.subtask_id, p.task_id, p.task_name, u.username,
                   ARRAY(SELECT i ->> 'url'
                           FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.result -> 'images') = 'array'
                                                          THEN s.result -> 'images' ELSE '[]' END) AS i
                          WHERE i ->> 'url' IS NOT NULL) AS images,
                   p.image_count, p.like_count,
                   EXISTS (SELECT 1 FROM artwork_likes l
                            WHERE l.subtask_id = p.subtask_id AND l.user_id = :viewer) AS liked_by_me,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('uuid', g.uuid, 'type', g.type, 'name', g.name,
                                                                 'name_zh', g.name_zh, 'name_en', g.name_en)
                                              ORDER BY g.type, g.name), '[]')
                      FROM tags g WHERE g.uuid = ANY (jsonb_tag_uuids(s.prompts)))::text AS tags,
                   p.created_at
              FROM (SELECT a.subtask_id, a.task_id, t.name AS task_name, t.user_id, a.image_count, a.like_count,
                           a.created_at
                      FROM artworks a
                      JOIN tasks t ON t.id = a.task_id
                     WHERE %s
                     ORDER BY %s
                     LIMIT :limit) p
              JOIN users u ON u.id = p.user_id
              CROSS JOIN LATERAL (SELECT s.result, s.prompts FROM subtasks s
                                   WHERE s.task_id = p.task_id AND s.id = p.subtask_id) s
             ORDER BY %s
            """;

    private static final String NEWEST = "a.created_at DESC, a.subtask_id DESC";
    private static final String MOST_LIKED = "a.like_count DESC, a.subtask_id DESC";
    private static final String PAGE_NEWEST = "p.created_at DESC, p.subtask_id DESC";
    private static final String PAGE_MOST_LIKED = "p.like_count DESC, p.subtask_id DESC";
    private static final String AFTER_NEWEST = "(a.created_at, a.subtask_id) < (:afterTime, :afterId)";
    private static final String AFTER_MOST_LIKED = "(a.like_count, a.subtask_id) < (:afterLikes, :afterId)";
    private static final String WITH_TAG = """
            a.subtask_id IN (SELECT ts.id FROM subtasks ts
                              WHERE ts.prompts @> jsonb_build_array(jsonb_build_object('uuid', :tag))
                                AND ts.status = 'completed')""";
    private static final String OF_USER = "t.user_id = (SELECT uu.id FROM users uu WHERE uu.username = :username)";
    private static final String RATED_GOOD = """
            EXISTS (SELECT 1 FROM subtasks rs
                     WHERE rs.task_id = a.task_id AND rs.id = a.subtask_id AND rs.rating = 'good')""";
    private static final String MATCHING = """
            (t.name ILIKE :pattern OR :q <% t.name
             OR t.user_id IN (SELECT mu.id FROM users mu WHERE mu.username ILIKE :pattern OR :q <% mu.username)
             OR EXISTS (SELECT 1 FROM subtasks ms
                         WHERE ms.task_id = a.task_id AND ms.id = a.subtask_id
                           AND (ms.evaluation ILIKE :pattern OR :q <% ms.evaluation)))""";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    GalleryQuery(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    Page<GalleryItem> page(Filter filter, boolean staff, int viewer) {
        Statement statement = statement(filter, staff, viewer);
        List<GalleryItem> items = jdbc.sql(statement.sql())
                .params(statement.params())
                .query(this::item)
                .list();
        return Page.of(
                items,
                filter.limit(),
                last -> filter.byLikes()
                        ? GalleryCursor.of(last.likeCount(), last.subtaskId())
                        : GalleryCursor.of(last.createdAt(), last.subtaskId()));
    }

    /** The SQL and parameters of one page. */
    Statement statement(Filter filter, boolean staff, int viewer) {
        List<String> conditions = new ArrayList<>(List.of(TaskVisibility.SEES_TASK));
        Map<String, Object> params = new HashMap<>();
        params.put("staff", staff);
        params.put("viewer", viewer);
        params.put("limit", filter.limit());
        if (filter.tag() != null) {
            conditions.add(WITH_TAG);
            params.put("tag", filter.tag().toString());
        }
        if (filter.username() != null) {
            conditions.add(OF_USER);
            params.put("username", filter.username());
        }
        if (filter.goodOnly()) {
            conditions.add(RATED_GOOD);
        }
        if (filter.q() != null) {
            conditions.add(MATCHING);
            params.put("q", filter.q());
            params.put(
                    "pattern",
                    "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.after() != null) {
            params.put("afterId", filter.after().subtaskId());
            if (filter.byLikes()) {
                conditions.add(AFTER_MOST_LIKED);
                params.put("afterLikes", filter.after().key());
            } else {
                conditions.add(AFTER_NEWEST);
                params.put("afterTime", GalleryCursor.time(filter.after().key()));
            }
        }
        String sql = SELECT.formatted(
                String.join(" AND ", conditions),
                filter.byLikes() ? MOST_LIKED : NEWEST,
                filter.byLikes() ? PAGE_MOST_LIKED : PAGE_NEWEST);
        return new Statement(sql, params);
    }

    private GalleryItem item(ResultSet rs, int row) throws SQLException {
        return new GalleryItem(
                rs.getObject("subtask_id", UUID.class),
                rs.getObject("task_id", UUID.class),
                rs.getString("task_name"),
                rs.getString("username"),
                List.of((String[]) rs.getArray("images").getArray()),
                rs.getInt("image_count"),
                rs.getInt("like_count"),
                rs.getBoolean("liked_by_me"),
                List.of(mapper.readValue(rs.getString("tags"), GalleryItem.TagChip[].class)),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    record Statement(String sql, Map<String, Object> params) {}

    /** What the caller asked for; null means no filter. */
    record Filter(
            UUID tag, String username, String q, boolean goodOnly, boolean byLikes, GalleryCursor after, int limit) {}
}
