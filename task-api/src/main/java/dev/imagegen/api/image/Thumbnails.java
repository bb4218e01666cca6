package dev.imagegen.api.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
import org.springframework.stereotype.Component;

/**
 * The small copies the task page's grid shows: a generated image scaled to {@value #SIZE} px on its longer side, as
 * JPEG, made on the first request and kept beside the image ({@code <task>/thumbnails/<name>.jpg}). A card shows a
 * 1024 px PNG at about 210 px: the thumbnail is a tenth of its bytes, and the browser decodes a tenth of its
 * pixels. A retried subtask's image is written again under the same name: a thumbnail older than its image is made
 * again.
 */
@Component
class Thumbnails {

    static final int SIZE = 320;
    private static final float QUALITY = 0.85f;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The thumbnail of {@code image} (a stored PNG), made now if it was not yet; empty if the file is no image. */
    Optional<Path> of(Path image) {
        String name = image.getFileName().toString();
        Path thumbnail = image.resolveSibling("thumbnails").resolve(name.substring(0, name.length() - 4) + ".jpg");
        try {
            if (Files.isRegularFile(thumbnail)
                    && Files.getLastModifiedTime(thumbnail).compareTo(Files.getLastModifiedTime(image)) >= 0) {
                return Optional.of(thumbnail);
            }
            BufferedImage source = read(image);
            if (source == null) {
                return Optional.empty();
            }
            Files.createDirectories(thumbnail.getParent());
            // Written aside and moved into place: a request at the same time reads a whole file or makes its own.
            Path partial = Files.createTempFile(thumbnail.getParent(), name, ".part");
            try {
                write(scaled(source), partial);
                Files.move(partial, thumbnail, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(thumbnail);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the thumbnail of " + image, e);
        }
    }

    /** The image's pixels, or null when the file is no image this JDK reads (or a damaged one). */
    private static BufferedImage read(Path image) throws IOException {
        try {
            return ImageIO.read(image.toFile());
        } catch (IIOException damaged) {
            return null;
        }
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

    private static void write(BufferedImage image, Path file) throws IOException {
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
