package dev.imagegen.api.submit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Matches a submission's tags to the tag library. A tag whose uuid is in the library keeps it; a
 * tag with an unknown UUID is added under that uuid; a tag without a UUID takes the uuid of the
 * library tag with its type and value, or a new one derived from them (so two submissions of the
 * same new tag at once add it once). Every tag the task stores then names its library tag, and the
 * tags to add are inserted in the task's own transaction, before the task.
 */
@Component
class LibraryTags {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_NAME = 255;

    private static final String KNOWN_UUIDS = "SELECT uuid FROM tags WHERE uuid = ANY(CAST(:uuids AS uuid[]))";

    private static final String BY_TYPE_AND_VALUE = """
            SELECT DISTINCT ON (t.type, t.value) t.type, t.value, t.uuid
              FROM tags t
              JOIN unnest(CAST(:types AS text[]), CAST(:values AS text[])) AS k(type, value)
                ON t.type = k.type AND t.value = k.value
             ORDER BY t.type, t.value, t.created_at, t.uuid
            """;

    private static final String INSERT_TAGS = """
            INSERT INTO tags (uuid, type, name, value, header_img, created_by)
            SELECT r.uuid, r.type, r.name, r.value, r.header_img, :userId
              FROM jsonb_to_recordset(CAST(:tags AS jsonb))
                   AS r(uuid uuid, type text, name text, value text, header_img text)
             ORDER BY r.uuid
                ON CONFLICT (uuid) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    LibraryTags(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Sets each tag's uuid to its library tag's and answers the tags the library does not hold yet. */
    String match(TaskSubmission task) {
        List<Used> used = new ArrayList<>();
        task.prompts()
                .forEach(tag ->
                        used.add(new Used((ObjectNode) tag, tag.path("type").asString())));
        for (TaskSubmission.Variable variable : task.variables()) {
            if (variable.isTag()) {
                variable.values().forEach(tag -> used.add(new Used((ObjectNode) tag, variable.type())));
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        Map<String, UUID> byKey = byTypeAndValue(used);
        Set<UUID> known = known(used);
        Map<UUID, ObjectNode> missing = new LinkedHashMap<>();
        for (Used tag : used) {
            String text = tag.node().path("uuid").asString("");
            UUID uuid;
            if (UUID_TEXT.matcher(text).matches()) {
                uuid = UUID.fromString(text);
            } else {
                uuid = byKey.getOrDefault(tag.key(), derived(tag.key()));
            }
            tag.node().put("uuid", uuid.toString());
            if (!known.contains(uuid) && !missing.containsKey(uuid)) {
                missing.put(uuid, newTag(uuid, tag));
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        ArrayNode rows = mapper.createArrayNode();
        missing.values().forEach(rows::add);
        return mapper.writeValueAsString(rows);
    }

    /** Adds the tags {@link #match} answered; call inside the task's transaction, before the task is written. */
    void insert(String newTags, int userId) {
        if (newTags != null) {
            jdbc.sql(INSERT_TAGS).param("tags", newTags).param("userId", userId).update();
        }
    }

    private Set<UUID> known(List<Used> used) {
        List<String> uuids = used.stream()
                .map(tag -> tag.node().path("uuid").asString(""))
                .filter(text -> UUID_TEXT.matcher(text).matches())
                .distinct()
                .toList();
        if (uuids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql(KNOWN_UUIDS)
                .param("uuids", uuids.toArray(String[]::new))
                .query(UUID.class)
                .list());
    }

    private Map<String, UUID> byTypeAndValue(List<Used> used) {
        List<Used> unnamed = used.stream()
                .filter(tag ->
                        !UUID_TEXT.matcher(tag.node().path("uuid").asString("")).matches())
                .toList();
        Map<String, UUID> found = new HashMap<>();
        if (unnamed.isEmpty()) {
            return found;
        }
        jdbc.sql(BY_TYPE_AND_VALUE)
                .param("types", unnamed.stream().map(Used::type).toArray(String[]::new))
                .param("values", unnamed.stream().map(Used::value).toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(1) + "\n" + rs.getString(2), rs.getObject(3, UUID.class)))
                .list();
        return found;
    }

    private static UUID derived(String key) {
        return UUID.nameUUIDFromBytes(("imagegen tag\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode newTag(UUID uuid, Used tag) {
        JsonNode name = tag.node().get("name");
        String text =
                name != null && name.isString() && !name.stringValue().isBlank() ? name.stringValue() : tag.value();
        ObjectNode row = mapper.createObjectNode()
                .put("uuid", uuid.toString())
                .put("type", tag.type())
                .put("name", text.length() > MAX_NAME ? text.substring(0, MAX_NAME) : text)
                .put("value", tag.value());
        JsonNode header = tag.node().get("header_img");
        if (header != null && header.isString()) {
            row.put("header_img", header.stringValue());
        }
        return row;
    }

    /** A tag node of the submission and the type it has there (a variable's tags take the variable's type). */
    private record Used(ObjectNode node, String type) {

        String value() {
            return node.path("value").asString();
        }

        String key() {
            return type + "\n" + value();
        }
    }
}
