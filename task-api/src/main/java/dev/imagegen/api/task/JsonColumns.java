package dev.imagegen.api.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Reads columns of a row into the answer's types. JSONB columns are read leniently: a key the record does not name
 * (written by an older version, or added to a result document later) is left out of the answer rather than failing
 * the read, so the public shape is the record's alone.
 */
@Component
public class JsonColumns {

    private static final TypeReference<List<Tag>> TAGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, TaskVariable>> VARIABLES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> INDICES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final ObjectMapper mapper;

    JsonColumns(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    private ObjectReader reader(TypeReference<?> type) {
        return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ObjectReader reader(Class<?> type) {
        return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public <T> T read(ResultSet rs, String column, Class<T> type) throws SQLException {
        String json = rs.getString(column);
        return json == null ? null : reader(type).readValue(json);
    }

    public List<Tag> tags(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? List.of() : reader(TAGS).readValue(json);
    }

    public Map<String, TaskVariable> variables(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? Map.of() : reader(VARIABLES).readValue(json);
    }

    public Map<String, Integer> indices(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? Map.of() : reader(INDICES).readValue(json);
    }

    public Map<String, Object> object(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? null : reader(OBJECT).readValue(json);
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
