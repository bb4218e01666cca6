package dev.imagegen.api.gallery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of artworks; {@code next} is the cursor to pass as {@code after}, null on the last page. */
@Schema(description = "A page of artworks")
record GalleryPage(
        List<GalleryItem> items, @Schema(nullable = true) String next) {}
