package dev.imagegen.api.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The image formats the server stores from uploads, told apart by their first bytes, never by a name or header. */
public enum ImageKind {
    PNG("png", MediaType.IMAGE_PNG),
    JPEG("jpg", MediaType.IMAGE_JPEG),
    WEBP("webp", MediaType.parseMediaType("image/webp"));

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_FORM = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private final String extension;
    private final MediaType mediaType;

    ImageKind(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The kind the bytes begin like: a PNG or JPEG signature, or a RIFF container of WebP form. */
    public static Optional<ImageKind> of(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE) && bytes.length > PNG_SIGNATURE.length) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, JPEG_SIGNATURE)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP_FORM) && bytes.length > 12) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The kind stored under a file name's extension. */
    static Optional<ImageKind> ofExtension(String extension) {
        return Arrays.stream(values())
                .filter(kind -> kind.extension.equals(extension))
                .findFirst();
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        return bytes.length >= at + prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
