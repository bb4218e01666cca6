package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** One tag of a prompt: its text, what kind of tag it is, and how strongly it counts; optionally from the library. */
@Schema(description = "A tag of the prompt: a prompt text, a character, an element or a lumina style")
public record Tag(
        @Schema(
                description = "The library tag's id, when it was picked from the library",
                example = "0b6c3f3e-5a3e-4a8f-9d0a-1f2b3c4d5e01",
                nullable = true,
                maxLength = 255)
        String uuid,

        @Schema(
                description =
                        "The kind of tag; inside a variable it may be left out and is then the variable's" + " type",
                allowableValues = {"prompt", "character", "element", "lumina"},
                example = "prompt")
        String type,

        @NotBlank
        @Schema(
                description = "The text that goes into the prompt",
                example = "a quiet lake at dawn, mist",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 4000)
        String value,

        @Schema(description = "How strongly the tag counts, -10 to 10", example = "1.0", nullable = true)
        Double weight,

        @Schema(description = "The tag's display name", example = "湖泊", nullable = true, maxLength = 255)
        String name,

        @Schema(
                description = "URL of the tag's header image",
                example = "https://example.invalid/fox.png",
                nullable = true,
                maxLength = 2048)
        String headerImg) {}
