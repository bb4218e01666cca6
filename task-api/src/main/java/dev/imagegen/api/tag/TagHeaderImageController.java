package dev.imagegen.api.tag;

import dev.imagegen.api.image.ImageKind;
import dev.imagegen.api.image.TagImages;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** Uploading a tag's header image (managers, admins): the body is the image itself. */
@RestController
@Tag(name = "tags")
class TagHeaderImageController {

    private static final String NOT_AN_IMAGE = "must be a PNG, JPEG or WebP image";

    private final TagQueries tags;
    private final TagImages images;

    TagHeaderImageController(TagQueries tags, TagImages images) {
        this.tags = tags;
        this.images = images;
    }

    @PutMapping("/api/tags/{uuid}/header_img")
    @Operation(
            operationId = "putTagHeaderImage",
            summary = "Upload a tag's header image (managers and admins): the request body is the image, a PNG, JPEG"
                    + " or WebP (told by its bytes) of at most 2 MB by default; header_img becomes the URL it is"
                    + " served at, /images/tags/<file>",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                                @Content(
                                        mediaType = "image/jpeg",
                                        schema = @Schema(type = "string", format = "binary")),
                                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))
                            }))
    TagView upload(@PathVariable UUID uuid, HttpServletRequest request) throws IOException {
        byte[] image = read(request);
        ImageKind kind = ImageKind.of(image).orElseThrow(() -> InvalidRequestException.of("$", NOT_AN_IMAGE));
        if (tags.find(uuid).isEmpty()) {
            throw new NotFoundException("tag " + uuid);
        }
        if (!tags.setHeaderImage(uuid, images.store(uuid, image, kind))) {
            throw new NotFoundException("tag " + uuid);
        }
        return tags.find(uuid).orElseThrow();
    }

    /** The body, read no further than one byte past the limit. */
    private byte[] read(HttpServletRequest request) throws IOException {
        long max = images.maxBytes();
        String tooLarge = "must be at most " + max + " bytes";
        if (request.getContentLengthLong() > max) {
            throw InvalidRequestException.of("$", tooLarge);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (body.length > max) {
            throw InvalidRequestException.of("$", tooLarge);
        }
        return body;
    }
}
