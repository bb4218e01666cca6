package dev.imagegen.api.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Header images of library tags uploaded by staff. Each is stored in the images directory's
 * {@code tags} folder, named by its tag and the hash of its bytes, so a new image has a new URL and
 * no cache shows an old one; it is served at {@code /images/tags/<file>} to everyone signed in. A
 * replaced image's file stays: the name of a file says nothing about whether a tag still uses it.
 */
@Component
public class TagImages {

    static final String URL_PATH = "/images/tags/";

    private static final Pattern FILE_NAME =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{16}\\.([a-z]{3,4})");

    private final Path directory;
    private final long maxBytes;

    TagImages(ImageProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize().resolve("tags");
        this.maxBytes = properties.tagImageMaxSize().toBytes();
    }

    /** The largest upload accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Writes the image (whole, or not at all) and answers the URL it is served at. */
    public String store(UUID tag, byte[] image, ImageKind kind) {
        String name = tag + "-" + HexFormat.of().formatHex(sha256(image), 0, 8) + "." + kind.extension();
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".upload-", ".tmp");
            try {
                Files.write(temporary, image);
                Files.move(
                        temporary,
                        directory.resolve(name),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the header image of tag " + tag, e);
        }
        return URL_PATH + name;
    }

    /** The stored image of that file name, if there is one. */
    Optional<Stored> find(String file) {
        Matcher matcher = FILE_NAME.matcher(file);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Path path = directory.resolve(file);
        return ImageKind.ofExtension(matcher.group(1))
                .filter(kind -> Files.isRegularFile(path))
                .map(kind -> new Stored(path, kind));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    record Stored(Path path, ImageKind kind) {}
}
