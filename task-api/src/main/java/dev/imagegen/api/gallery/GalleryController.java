package dev.imagegen.api.gallery;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskVisibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gallery: artworks the caller may see, filtered and sorted, and liking them. */
@RestController
@RequestMapping("/api/gallery")
@Tag(name = "gallery", description = "Artworks (completed subtasks' images) the caller may see, and likes")
class GalleryController {

    private static final List<String> SORTS = List.of("newest", "likes");
    private static final List<String> RATINGS = List.of("good");
    private static final int MAX_LIMIT = 100;
    /** Microseconds from the epoch to the end of year 9999: later cursors are not ours. */
    private static final long MAX_TIME_KEY = 253_402_300_799_999_999L;

    private final GalleryQuery query;
    private final Likes likes;

    GalleryController(GalleryQuery query, Likes likes) {
        this.query = query;
        this.likes = likes;
    }

    @GetMapping
    @Operation(
            operationId = "listGallery",
            summary = "Artworks the caller may see, newest or most liked first, by tag, by user, rated good, or"
                    + " matching q (task name, evaluation, user name; typos too); keyset-paged")
    Page<GalleryItem> gallery(
            @Parameter(description = "a library tag's uuid") @RequestParam(required = false) UUID tag,
            @Parameter(description = "a user name") @RequestParam(required = false) String user,
            @Parameter(description = "search term, 1 to 200 characters") @RequestParam(required = false) String q,
            @Parameter(
                            description = "newest first, or most liked first",
                            schema =
                                    @Schema(
                                            allowableValues = {"newest", "likes"},
                                            defaultValue = "newest"))
                    @RequestParam(defaultValue = "newest")
                    String sort,
            @Parameter(description = "good: only artworks rated good", schema = @Schema(allowableValues = "good"))
                    @RequestParam(required = false)
                    String rating,
            @Parameter(description = "the next of the previous page") @RequestParam(required = false) String after,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "24"))
                    @RequestParam(defaultValue = "24")
                    int limit,
            @AuthenticationPrincipal Account viewer) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!SORTS.contains(sort)) {
            problems.add(new FieldProblem("sort", "must be one of " + SORTS));
        }
        if (rating != null && !RATINGS.contains(rating)) {
            problems.add(new FieldProblem("rating", "must be one of " + RATINGS));
        }
        if (q != null && (q.isBlank() || q.length() > 200)) {
            problems.add(new FieldProblem("q", "must be 1 to 200 characters"));
        }
        if (user != null && (user.isBlank() || user.length() > 50)) {
            problems.add(new FieldProblem("user", "must be 1 to 50 characters"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        boolean byLikes = "likes".equals(sort);
        GalleryCursor cursor = after == null ? null : GalleryCursor.parse(after);
        if (after != null && !validCursor(cursor, byLikes)) {
            problems.add(new FieldProblem("after", "must be the next of a previous page with the same sort"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        var filter = new GalleryQuery.Filter(
                tag, user, q == null ? null : q.strip(), rating != null, byLikes, cursor, limit);
        return query.page(filter, TaskVisibility.staff(viewer), TaskVisibility.owner(viewer));
    }

    @PutMapping("/{subtask_id}/like")
    @Operation(
            operationId = "likeArtwork",
            summary = "Like an artwork (idempotent); one the caller may not see answers 404")
    Liked like(@PathVariable("subtask_id") UUID subtaskId, @AuthenticationPrincipal Account viewer) {
        return likes.like(subtaskId, viewer.id(), TaskVisibility.staff(viewer), true);
    }

    @DeleteMapping("/{subtask_id}/like")
    @Operation(
            operationId = "unlikeArtwork",
            summary = "Take a like back (idempotent); an artwork the caller may not see answers 404")
    Liked unlike(@PathVariable("subtask_id") UUID subtaskId, @AuthenticationPrincipal Account viewer) {
        return likes.like(subtaskId, viewer.id(), TaskVisibility.staff(viewer), false);
    }

    private static boolean validCursor(GalleryCursor cursor, boolean byLikes) {
        if (cursor == null) {
            return false;
        }
        return byLikes
                ? cursor.key() >= 0 && cursor.key() <= Integer.MAX_VALUE
                : Math.abs(cursor.key()) <= MAX_TIME_KEY;
    }
}
