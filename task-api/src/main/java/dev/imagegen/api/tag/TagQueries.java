package dev.imagegen.api.tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the library. A search matches the three names by the seed's {@code simple} text search
 * (whole words, any case), by substring (Chinese included) or by word similarity (typos), and is
 * ranked: an exact name in any language first, then text rank, then similarity, then usage.
 */
@Component
class TagQueries {

    static final String SEARCH = """
            SELECT %s
              FROM tags t
             WHERE (t.search_vector @@ plainto_tsquery('simple', :q)
                    OR tag_search_text(t.name, t.name_zh, t.name_en) ILIKE :pattern
                    OR :q <%% tag_search_text(t.name, t.name_zh, t.name_en))
               AND (CAST(:type AS text) IS NULL OR t.type = :type)
             ORDER BY (lower(t.name) = lower(:q) OR lower(t.name_zh) = lower(:q) OR lower(t.name_en) = lower(:q)) DESC,
                      ts_rank(t.search_vector, plainto_tsquery('simple', :q)) DESC,
                      word_similarity(:q, tag_search_text(t.name, t.name_zh, t.name_en)) DESC,
                      t.image_count DESC, t.uuid
             LIMIT :limit
            """.formatted(TagView.COLUMNS);

    private static final String BROWSE = """
            SELECT %s
              FROM tags t
             WHERE (CAST(:type AS text) IS NULL OR t.type = :type)
               AND (CAST(:after AS uuid) IS NULL
                    OR (t.name, t.uuid) > (SELECT a.name, a.uuid FROM tags a WHERE a.uuid = CAST(:after AS uuid)))
             ORDER BY t.name, t.uuid
             LIMIT :limit
            """.formatted(TagView.COLUMNS);

    private static final String ONE = "SELECT %s FROM tags t WHERE t.uuid = :uuid".formatted(TagView.COLUMNS);

    private static final String CHANGE = """
            UPDATE tags SET name_zh = :nameZh, name_en = :nameEn, header_img = :headerImg WHERE uuid = :uuid
            """;

    private final JdbcClient jdbc;

    TagQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TagView> search(String q, String type, int limit) {
        return jdbc.sql(SEARCH)
                .params(searchParams(q, type, limit))
                .query(TagView.class)
                .list();
    }

    static Map<String, Object> searchParams(String q, String type, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("q", q);
        params.put("pattern", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        params.put("type", type);
        params.put("limit", limit);
        return params;
    }

    List<TagView> browse(String type, UUID after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("type", type);
        params.put("after", after);
        params.put("limit", limit);
        return jdbc.sql(BROWSE).params(params).query(TagView.class).list();
    }

    Optional<TagView> find(UUID uuid) {
        return jdbc.sql(ONE).param("uuid", uuid).query(TagView.class).optional();
    }

    boolean change(UUID uuid, TagChange change) {
        Map<String, Object> params = new HashMap<>();
        params.put("uuid", uuid);
        params.put("nameZh", change.nameZh());
        params.put("nameEn", change.nameEn());
        params.put("headerImg", change.headerImg());
        return jdbc.sql(CHANGE).params(params).update() == 1;
    }
}
