package dev.imagegen.api.tag;

import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs the library search the API runs, for benchmarks outside this package. */
public final class TagSearchProbe {

    private final TagQueries tags;
    private final JdbcClient jdbc;

    public TagSearchProbe(ApplicationContext context) {
        this.tags = context.getBean(TagQueries.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** The plan and timing of one search, as EXPLAIN (ANALYZE, BUFFERS) prints it. */
    public String explain(String q) {
        return jdbc
                .sql("EXPLAIN (ANALYZE, BUFFERS) " + TagQueries.SEARCH)
                .params(TagQueries.searchParams(q, null, 0, 20))
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.joining("\n"));
    }

    /** Searches like {@code GET /api/tags?q=}; answers the number of tags found. */
    public int search(String q, int limit) {
        return tags.search(q, null, 0, limit).size();
    }
}
