package dev.imagegen.api.tag;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.imagegen.api.support.ApiTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiTest
@TestPropertySource(
        properties = {"imagegen.api.images.directory=target/tag-images", "imagegen.api.images.tag-image-max-size=4KB"})
class TagHeaderImageTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    UUID tag;

    @BeforeEach
    void aCharacterTag() {
        tag = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'character', 'fox', 'fox')")
                .param(tag)
                .update();
    }

    @Test
    void staffUploadAnImageAndEveryoneSignedInSeesItsUrlAndReadsItsBytes() throws Exception {
        byte[] png = image("png");
        MockHttpServletResponse uploaded = upload(MANAGER, tag, png, "image/png");
        assertThat(uploaded.getStatus()).isEqualTo(200);
        String url = json(uploaded).get("header_img").asString();
        assertThat(url).startsWith("/images/tags/" + tag + "-").endsWith(".png");

        JsonNode read = json(
                mvc.perform(get("/api/tags/" + tag).with(as(GUEST))).andReturn().getResponse());
        assertThat(read.get("header_img").asString()).isEqualTo(url);
        MockHttpServletResponse served =
                mvc.perform(get(url).with(as(GUEST))).andReturn().getResponse();
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentType()).isEqualTo("image/png");
        assertThat(served.getContentAsByteArray()).isEqualTo(png);
        assertThat(mvc.perform(get(url)).andReturn().getResponse().getStatus()).isEqualTo(401);

        // The type comes from the bytes, whatever the request says; a new image gets a new URL.
        byte[] jpeg = image("jpg");
        String jpegUrl = json(upload(ADMIN, tag, jpeg, "application/octet-stream"))
                .get("header_img")
                .asString();
        assertThat(jpegUrl).isNotEqualTo(url).endsWith(".jpg");
        MockHttpServletResponse jpegServed =
                mvc.perform(get(jpegUrl).with(as(USER))).andReturn().getResponse();
        assertThat(jpegServed.getContentType()).isEqualTo("image/jpeg");
        assertThat(jpegServed.getContentAsByteArray()).isEqualTo(jpeg);

        byte[] webp = webp();
        String webpUrl =
                json(upload(MANAGER, tag, webp, "image/webp")).get("header_img").asString();
        MockHttpServletResponse webpServed =
                mvc.perform(get(webpUrl).with(as(USER))).andReturn().getResponse();
        assertThat(webpServed.getContentType()).isEqualTo("image/webp");
        assertThat(webpServed.getContentAsByteArray()).isEqualTo(webp);
    }

    @Test
    void usersAndGuestsMayNotUpload() throws Exception {
        for (String caller : new String[] {USER, GUEST}) {
            assertThat(upload(caller, tag, image("png"), "image/png").getStatus())
                    .as(caller)
                    .isEqualTo(403);
        }
        assertThat(headerImage()).isNull();
    }

    @Test
    void aBodyThatIsNoImageOrTooLargeIsAProblemAndChangesNothing() throws Exception {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] text = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = new byte[4097];
        System.arraycopy(image("png"), 0, tooLarge, 0, 8);
        for (byte[] body : new byte[][] {gif, text, new byte[0], tooLarge}) {
            MockHttpServletResponse refused = upload(MANAGER, tag, body, "image/png");
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(json(refused).get("errors").get(0).get("path").asString())
                    .isEqualTo("$");
        }
        assertThat(headerImage()).isNull();

        assertThat(upload(MANAGER, UUID.randomUUID(), image("png"), "image/png").getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/images/tags/" + tag + "-0000000000000000.png")
                                .with(as(USER)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    private MockHttpServletResponse upload(String caller, UUID uuid, byte[] body, String type) throws Exception {
        return mvc.perform(put("/api/tags/" + uuid + "/header_img")
                        .with(as(caller))
                        .contentType(type)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private String headerImage() {
        String stored = jdbc.sql("SELECT coalesce(header_img, '-') FROM tags WHERE uuid = ?")
                .param(tag)
                .query(String.class)
                .single();
        return stored.equals("-") ? null : stored;
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return MAPPER.readTree(response.getContentAsString());
    }

    /** A small real image in the format ImageIO names ("png", "jpg"). */
    private static byte[] image(String format) throws Exception {
        BufferedImage picture = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 2, 0xCC6633);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture, format, out)).isTrue();
        return out.toByteArray();
    }

    /** The header of a lossless WebP file (a RIFF container of WEBP form) and a few bytes of data. */
    private static byte[] webp() {
        return "RIFF\u0016\u0000\u0000\u0000WEBPVP8L\u0009\u0000\u0000\u0000\u002f\u0000\u0000\u0000\u0010\u0007\u0010\u0011\u0011"
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
