package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of tags; {@code next} is the cursor to pass as {@code after}, null on the last page. */
@Schema(description = "A page of library tags")
record TagPage(
        List<TagView> items,

        @Schema(
                description = "The cursor of the next page, to pass as after with the same q and type;"
                        + " opaque; null on the last page",
                nullable = true)
        String next) {}
