package dev.imagegen.worker.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Adds text chunks to a PNG without decoding it: each goes in right after IHDR, as {@code tEXt}
 * when the text is Latin-1 and as uncompressed {@code iTXt} (UTF-8) otherwise, as Pillow does.
 */
public final class PngTextChunks {

    private static final int SIGNATURE = 8;
    private static final int IHDR_CHUNK = 4 + 4 + 13 + 4;

    private PngTextChunks() {}

    /** The PNG with one chunk per entry (keyword → text), in the map's order. */
    public static byte[] with(byte[] png, Map<String, String> texts) {
        if (png.length < SIGNATURE + IHDR_CHUNK
                || png[12] != 'I'
                || png[13] != 'H'
                || png[14] != 'D'
                || png[15] != 'R') {
            throw new IllegalArgumentException("not a PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(png, 0, SIGNATURE + IHDR_CHUNK);
        texts.forEach((keyword, text) -> writeChunk(out, keyword, text));
        out.write(png, SIGNATURE + IHDR_CHUNK, png.length - SIGNATURE - IHDR_CHUNK);
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String keyword, String text) {
        byte[] key = keyword.getBytes(StandardCharsets.ISO_8859_1);
        if (key.length < 1 || key.length > 79) {
            throw new IllegalArgumentException("a PNG text keyword has 1 to 79 characters: " + keyword);
        }
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(key);
        data.write(0);
        if (latin1) {
            data.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            // compression flag, compression method, empty language tag, empty translated keyword
            data.write(0);
            data.write(0);
            data.write(0);
            data.write(0);
            data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] type = (latin1 ? "tEXt" : "iTXt").getBytes(StandardCharsets.US_ASCII);
        byte[] body = data.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(body);
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(type);
        out.writeBytes(body);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
