package dev.imagegen.api.tag;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tag library: search and browse it, read one tag, and (managers, admins) edit its translations and image. */
@RestController
@RequestMapping("/api/tags")
@Tag(name = "tags", description = "The tag library: names in three languages, header images, usage counts")
class TagController {

    static final List<String> TYPES = List.of("prompt", "character", "element", "lumina");
    private static final int MAX_LIMIT = 100;
    private static final int MAX_NAME = 255;
    private static final int MAX_URL = 2048;
    private static final Pattern IMAGE_URL = Pattern.compile("(https?://|/)\\S+");

    private final TagQueries tags;

    TagController(TagQueries tags) {
        this.tags = tags;
    }

    @GetMapping
    @Operation(
            operationId = "listTags",
            summary = "Search the library by Chinese, English or canonical name (typos too), ranked with exact names"
                    + " first, paged by position through the best 1,000 matches; without q, browse by name,"
                    + " keyset-paged")
    Page<TagView> list(
            @Parameter(description = "search term, 1 to 200 characters", example = "crane")
                    @RequestParam(required = false)
                    String q,
            @Parameter(schema = @Schema(allowableValues = {"prompt", "character", "element", "lumina"}))
                    @RequestParam(required = false)
                    String type,
            @Parameter(description = "the next of the previous page of the same q (opaque)")
                    @RequestParam(required = false)
                    String after,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @RequestParam(defaultValue = "20")
                    int limit) {
        List<FieldProblem> problems = new ArrayList<>();
        if (q != null && (q.isBlank() || q.length() > 200)) {
            problems.add(new FieldProblem("q", "must be 1 to 200 characters"));
        }
        if (type != null && !TYPES.contains(type)) {
            problems.add(new FieldProblem("type", "must be one of " + TYPES));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        TagCursor cursor = TagCursor.parse(after, q != null);
        if (cursor == null) {
            problems.add(new FieldProblem("after", "must be the next of a previous page of the same q"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (q != null) {
            List<TagView> page = tags.search(q.strip(), type, cursor.position(), limit);
            return new Page<>(page, cursor.nextSearch(page, limit));
        }
        List<TagView> page = tags.browse(type, cursor.lastUuid(), limit);
        return new Page<>(page, TagCursor.nextBrowse(page, limit));
    }

    @GetMapping("/{uuid}")
    @Operation(operationId = "getTag", summary = "One library tag with its names, header image and counts")
    TagView tag(@PathVariable UUID uuid) {
        return tags.find(uuid).orElseThrow(() -> new NotFoundException("tag " + uuid));
    }

    @PutMapping("/{uuid}")
    @Transactional
    @Operation(
            operationId = "changeTag",
            summary = "Set a tag's Chinese and English names and header image (managers and admins); a field left"
                    + " out or null is cleared")
    TagView change(@PathVariable UUID uuid, @RequestBody TagChange body) {
        List<FieldProblem> problems = new ArrayList<>();
        text("$.name_zh", body.nameZh(), MAX_NAME, problems);
        text("$.name_en", body.nameEn(), MAX_NAME, problems);
        text("$.header_img", body.headerImg(), MAX_URL, problems);
        if (body.headerImg() != null && !IMAGE_URL.matcher(body.headerImg()).matches()) {
            problems.add(new FieldProblem("$.header_img", "must be an http(s) URL or a path starting with /"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (!tags.change(uuid, body)) {
            throw new NotFoundException("tag " + uuid);
        }
        return tags.find(uuid).orElseThrow();
    }

    private static void text(String path, String value, int max, List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(path, "must be 1 to " + max + " characters, or null"));
        }
    }
}
