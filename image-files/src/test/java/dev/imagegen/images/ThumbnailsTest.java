package dev.imagegen.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways a thumbnail is made (from the bytes being stored, or from the stored file when asked for) give the same
 * file in the same place, and the second does not redo the first's work.
 */
class ThumbnailsTest {

    @TempDir
    Path folder;

    static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.ORANGE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aThumbnailLiesInTheImagesFolderUnderItsNameAsJpeg() {
        assertThat(Thumbnails.pathOf(Path.of("images", "t1", "s1-0.png")))
                .isEqualTo(Path.of("images", "t1", "thumbnails", "s1-0.jpg"));
    }

    @Test
    void aThumbnailMadeFromTheStoredBytesIsTheOneServedLater() throws Exception {
        byte[] bytes = png(1024, 576);
        Path image = Files.write(folder.resolve("s1-0.png"), bytes);

        assertThat(Thumbnails.make(image, bytes)).isTrue();

        Path thumbnail = folder.resolve("thumbnails/s1-0.jpg");
        BufferedImage small = ImageIO.read(thumbnail.toFile());
        assertThat(small.getWidth()).isEqualTo(Thumbnails.SIZE);
        assertThat(small.getHeight()).isEqualTo(180);
        assertThat(new Color(small.getRGB(40, 90)).getBlue()).isGreaterThan(200);
        assertThat(new Color(small.getRGB(280, 90)).getRed()).isGreaterThan(200);
        // Marked older than any rewrite would make it, so a remake would show.
        FileTime made = FileTime.fromMillis(Files.getLastModifiedTime(image).toMillis() + 5_000);
        Files.setLastModifiedTime(thumbnail, made);
        assertThat(Thumbnails.of(image)).contains(thumbnail);
        assertThat(Files.getLastModifiedTime(thumbnail)).as("not made again").isEqualTo(made);
    }

    @Test
    void anImageNewerThanItsThumbnailGetsANewOne() throws Exception {
        Path image = Files.write(folder.resolve("s1-0.png"), png(640, 640));
        assertThat(Thumbnails.make(image, Files.readAllBytes(image))).isTrue();
        Files.write(image, png(100, 50));
        Files.setLastModifiedTime(
                image,
                FileTime.fromMillis(
                        Files.getLastModifiedTime(Thumbnails.pathOf(image)).toMillis() + 1_000));

        BufferedImage small = ImageIO.read(Thumbnails.of(image).orElseThrow().toFile());

        assertThat(small.getWidth()).isEqualTo(100);
        assertThat(small.getHeight()).isEqualTo(50);
    }

    @Test
    void aSmallImageIsNotEnlarged() throws Exception {
        Path image = Files.write(folder.resolve("s1-0.png"), png(200, 100));

        BufferedImage small = ImageIO.read(Thumbnails.of(image).orElseThrow().toFile());

        assertThat(small.getWidth()).isEqualTo(200);
        assertThat(small.getHeight()).isEqualTo(100);
    }

    @Test
    void bytesThatAreNoImageHaveNoThumbnail() throws Exception {
        byte[] signatureOnly = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        Path cut = Files.write(folder.resolve("cut-0.png"), signatureOnly);
        Path text = Files.writeString(folder.resolve("text-0.png"), "not a PNG");

        assertThat(Thumbnails.make(cut, signatureOnly)).isFalse();
        assertThat(Thumbnails.of(text)).isEmpty();
        assertThat(folder.resolve("thumbnails")).doesNotExist();
    }
}
