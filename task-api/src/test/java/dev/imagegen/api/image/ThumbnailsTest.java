package dev.imagegen.api.image;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.ApiTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The grid's thumbnails over HTTP: made from the stored image when asked for if the worker did not make it, to whoever
 * may read the task (how they are scaled and remade: image-files' ThumbnailsTest).
 */
@ApiTest
@TestPropertySource(properties = "imagegen.api.images.directory=target/test-thumbnails")
class ThumbnailsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    UUID task;
    Path folder;

    void aTaskOfTheUserWithAnImage(int width, int height) throws Exception {
        task = accounts.taskOf(USER, "pictures");
        folder = Files.createDirectories(Path.of("target/test-thumbnails", task.toString()));
        BufferedImage blue = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blue.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ImageIO.write(blue, "png", folder.resolve("s1-0.png").toFile());
    }

    byte[] thumbnail(String username) throws Exception {
        return mvc.perform(get("/images/" + task + "/thumbnails/s1-0.png").with(as(username)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg"))
                .andExpect(header().string("Cache-Control", "max-age=604800, private"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    @Test
    void anImageIsScaledToItsThumbnailOnceKeepingItsShape() throws Exception {
        aTaskOfTheUserWithAnImage(1024, 576);

        byte[] first = thumbnail(USER);
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(first));
        assertThat(shown.getWidth()).isEqualTo(320);
        assertThat(shown.getHeight()).isEqualTo(180);
        assertThat(new Color(shown.getRGB(160, 90)).getBlue()).isGreaterThan(200);

        Path kept = folder.resolve("thumbnails/s1-0.jpg");
        assertThat(kept).exists();
        long madeAt = Files.getLastModifiedTime(kept).toMillis();
        assertThat(thumbnail(MANAGER)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(kept).toMillis()).as("made once").isEqualTo(madeAt);
    }

    @Test
    void whereTheImageAnswers404SoDoesItsThumbnail() throws Exception {
        aTaskOfTheUserWithAnImage(64, 64);
        Files.writeString(folder.resolve("broken-0.png"), "not a PNG");
        // A PNG's signature and then nothing of one.
        Files.write(
                folder.resolve("cut-0.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3});

        mvc.perform(get("/images/" + task + "/thumbnails/s1-0.png").with(as(OTHER_USER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/images/" + task + "/thumbnails/s1-0.png")).andExpect(status().isUnauthorized());
        for (String name : new String[] {"missing.png", "broken-0.png", "cut-0.png", "..%2Fs1-0.png", "s1-0.jpg"}) {
            int status = mvc.perform(
                            get("/images/" + task + "/thumbnails/" + name).with(as(USER)))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as(name).isIn(400, 404);
        }
        assertThat(folder.resolve("thumbnails/broken-0.jpg")).doesNotExist();
    }
}
