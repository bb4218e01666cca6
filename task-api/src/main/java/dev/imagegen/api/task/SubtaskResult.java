package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What a worker wrote for a completed subtask: the seed document's shape (its first image) and every image. */
@Schema(description = "A completed subtask's images; url, width, height and seed are those of the first image")
public record SubtaskResult(
        @Schema(description = "The first image's URL", example = "/images/3f1c…/s1-0.png", nullable = true)
        String url,

        @Schema(description = "Width in pixels", example = "1024", nullable = true)
        Integer width,

        @Schema(description = "Height in pixels", example = "1024", nullable = true)
        Integer height,

        @Schema(description = "The seed used", example = "12345", nullable = true)
        Long seed,

        @Schema(description = "When the images were made (ISO 8601)", nullable = true, format = "date-time")
        String createdAt,

        @Schema(description = "How they were made: model, backend, prompt, generation_time …", nullable = true)
        Map<String, Object> metadata,

        @Schema(description = "Every image of the batch", nullable = true)
        List<Image> images) {

    /** One image of the batch. */
    @Schema(name = "ResultImage", description = "One generated image")
    public record Image(
            @Schema(description = "Where to read it", example = "/images/3f1c…/s1-0.png")
            String url,

            @Schema(example = "1024", nullable = true) Integer width,
            @Schema(example = "1024", nullable = true) Integer height,
            @Schema(example = "12345", nullable = true) Long seed) {}
}
