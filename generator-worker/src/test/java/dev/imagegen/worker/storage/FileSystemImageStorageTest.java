package dev.imagegen.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a stored image and its thumbnail land, and that an image the JVM cannot read is still kept. */
class FileSystemImageStorageTest {

    @TempDir
    Path directory;

    final UUID task = UUID.randomUUID();
    final UUID subtask = UUID.randomUUID();

    FileSystemImageStorage storage() {
        return new FileSystemImageStorage(new StorageProperties(directory, "/images"));
    }

    @Test
    void anImageIsStoredUnderItsUrlWithItsThumbnailBeside() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB), "png", png);

        String url = storage().store(task, subtask, 1, png.toByteArray(), null);

        assertThat(url).isEqualTo("/images/" + task + "/" + subtask + "-1.png");
        Path image = directory.resolve(task.toString()).resolve(subtask + "-1.png");
        assertThat(image).hasBinaryContent(png.toByteArray());
        Path thumbnail =
                directory.resolve(task.toString()).resolve("thumbnails").resolve(subtask + "-1.jpg");
        BufferedImage small = ImageIO.read(thumbnail.toFile());
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(240);
        // Never older than its image, or the task API would make it again.
        assertThat(Files.getLastModifiedTime(thumbnail)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(image));
        try (var files = Files.list(image.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left")
                    .containsExactlyInAnyOrder(subtask + "-1.png", "thumbnails");
        }
    }

    @Test
    void bytesTheJvmCannotReadAreStoredWithoutAThumbnail() {
        byte[] notAnImage = "a backend's answer that is no PNG".getBytes();

        String url = storage().store(task, subtask, 0, notAnImage, null);

        assertThat(url).endsWith(subtask + "-0.png");
        assertThat(directory.resolve(task.toString()).resolve(subtask + "-0.png"))
                .hasBinaryContent(notAnImage);
        assertThat(directory.resolve(task.toString()).resolve("thumbnails").resolve(subtask + "-0.jpg"))
                .doesNotExist();
    }

    @Test
    void anImageDrawnInProcessHasItsThumbnailScaledFromItsPixels() throws Exception {
        // Bytes no decoder reads: the thumbnail can only come from the pixels.
        byte[] notDecoded = "the renderer's PNG, not read again".getBytes();

        storage().store(task, subtask, 0, notDecoded, new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB));

        Path thumbnail =
                directory.resolve(task.toString()).resolve("thumbnails").resolve(subtask + "-0.jpg");
        BufferedImage small = ImageIO.read(thumbnail.toFile());
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(320);
    }
}
