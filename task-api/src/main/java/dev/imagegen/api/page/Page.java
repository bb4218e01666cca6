package dev.imagegen.api.page;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the one page type of the API: {@code items}, and {@code next}, the opaque cursor to pass as
 * {@code after} for the following page, null on the last page.
 */
@Schema(description = "One page of a list; pass next as after to read the following page")
public record Page<T>(
        @Schema(description = "The items of this page, in the list's order")
        List<T> items,

        @Schema(
                description = "The cursor of the following page, to pass as after with the same filters;"
                        + " opaque; null on the last page",
                nullable = true)
        String next) {

    /** The most items one page may ask for. */
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(items);
    }

    /**
     * A page read with {@code limit} as its size: when it is full, more may follow, and its last item's cursor is the
     * next page's start.
     */
    public static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
        String next = !items.isEmpty() && items.size() >= limit ? cursor.apply(items.getLast()) : null;
        return new Page<>(items, next);
    }
}
