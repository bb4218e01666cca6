package dev.imagegen.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The small copies the task page's grid shows: a generated image scaled to {@value #SIZE} px on its longer side, as
 * JPEG, kept beside the image ({@code <task>/thumbnails/<name>.jpg}). A card shows a 1024 px PNG at about 210 px:
 * the thumbnail is a tenth of its bytes, and the browser decodes a tenth of its pixels.
 *
 * <p>The worker that stores an image makes its thumbnail from the pixels or bytes it already holds ({@link #make}),
 * so the page's first view reads a ready file. The task API makes one that is missing when it is asked for ({@link #of}):
 * images stored before thumbnails were made, or whose thumbnail could not be written. A retried subtask's image is
 * written again under the same name: a thumbnail older than its image is made again.
 */
public final class Thumbnails {

    public static final int SIZE = 320;
    private static final float QUALITY = 0.85f;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Thumbnails() {}

    /** Where the thumbnail of {@code image} lies: {@code thumbnails/<name>.jpg} in the image's folder. */
    public static Path pathOf(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return image.resolveSibling("thumbnails").resolve((dot > 0 ? name.substring(0, dot) : name) + ".jpg");
    }

    /**
     * The thumbnail of {@code image} (a stored file), made now if it is missing or older than the image; empty if the
     * file is no image this JDK reads.
     */
    public static Optional<Path> of(Path image) {
        Path thumbnail = pathOf(image);
        try {
            if (Files.isRegularFile(thumbnail)
                    && Files.getLastModifiedTime(thumbnail).compareTo(Files.getLastModifiedTime(image)) >= 0) {
                return Optional.of(thumbnail);
            }
            try (InputStream in = Files.newInputStream(image)) {
                return write(read(in), thumbnail);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the thumbnail of " + image, e);
        }
    }

    /**
     * Makes the thumbnail of {@code image}, just stored, from its bytes (no second read of the file); false if the
     * bytes are no image this JDK reads.
     */
    public static boolean make(Path image, byte[] bytes) {
        BufferedImage pixels;
        try {
            pixels = read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image " + image, e);
        }
        if (pixels == null) {
            return false;
        }
        make(image, pixels);
        return true;
    }

    /**
     * Makes the thumbnail of {@code image}, just stored, from its pixels: for an image drawn in process, whose PNG
     * need not be decoded again (decoding a 1024 px PNG costs twice what scaling and encoding its thumbnail do).
     */
    public static void make(Path image, BufferedImage pixels) {
        try {
            write(pixels, pathOf(image));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the thumbnail of " + image, e);
        }
    }

    /** The image's pixels, or null when the bytes are no image this JDK reads (or a damaged one). */
    private static BufferedImage read(InputStream in) throws IOException {
        try {
            return ImageIO.read(in);
        } catch (IIOException damaged) {
            return null;
        }
    }

    /** Written aside and moved into place: a reader at the same time reads a whole file or makes its own. */
    private static Optional<Path> write(BufferedImage source, Path thumbnail) throws IOException {
        if (source == null) {
            return Optional.empty();
        }
        Files.createDirectories(thumbnail.getParent());
        Path partial = Files.createTempFile(
                thumbnail.getParent(), thumbnail.getFileName().toString(), ".part");
        try {
            encode(scaled(source), partial);
            Files.move(partial, thumbnail, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return Optional.of(thumbnail);
    }

    /** Halved while more than twice too large, then scaled the rest of the way: smooth without a costly filter. */
    static BufferedImage scaled(BufferedImage source) {
        int longer = Math.max(source.getWidth(), source.getHeight());
        double factor = Math.min(1.0, (double) SIZE / longer);
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage current = source;
        while (current.getWidth() / 2 >= width * 2 && current.getHeight() / 2 >= height * 2) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            // JPEG has no transparency: a transparent part shows as white, as on the page.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static void encode(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
