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
 * ranked: an exact name in any language first, then text rank, then similarity, then usage; its
 * pages follow by position (OFFSET), as a rank has no key to resume from. Browsing pages by keyset
 * on (name, uuid).
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
             -- IS TRUE: a missing translation makes the comparison null, which DESC would sort first.
             ORDER BY (lower(t.name) = lower(:q) OR lower(t.name_zh) = lower(:q) OR lower(t.name_en) = lower(:q)) IS TRUE DESC,
                      ts_rank(t.search_vector, plainto_tsquery('simple', :q)) DESC,
                      word_similarity(:q, tag_search_text(t.name, t.name_zh, t.name_en)) DESC,
                      t.image_count DESC, t.uuid
             LIMIT :limit OFFSET :offset
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

    private static final String SET_HEADER_IMAGE = "UPDATE tags SET header_img = :headerImg WHERE uuid = :uuid";

    private final JdbcClient jdbc;

    TagQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TagView> search(String q, String type, int offset, int limit) {
        return jdbc.sql(SEARCH)
                .params(searchParams(q, type, offset, limit))
                .query(TagView.class)
                .list();
    }

    static Map<String, Object> searchParams(String q, String type, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("q", q);
        params.put("pattern", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        params.put("type", type);
        params.put("offset", offset);
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

    boolean setHeaderImage(UUID uuid, String url) {
        return jdbc.sql(SET_HEADER_IMAGE)
                        .param("uuid", uuid)
                        .param("headerImg", url)
                        .update()
                == 1;
    }
}
