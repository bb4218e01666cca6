package dev.imagegen.worker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Reads a PNG's tEXt and iTXt chunks back through javax.imageio's PNG metadata, as other tools would. */
public final class PngTexts {

    private PngTexts() {}

    public static Map<String, String> of(byte[] png) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            Map<String, String> texts = new LinkedHashMap<>();
            for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                    NamedNodeMap attributes = entry.getAttributes();
                    switch (entry.getNodeName()) {
                        case "tEXtEntry" -> texts.put(value(attributes, "keyword"), value(attributes, "value"));
                        case "iTXtEntry" -> texts.put(value(attributes, "keyword"), value(attributes, "text"));
                        default -> {}
                    }
                }
            }
            return texts;
        } finally {
            reader.dispose();
        }
    }

    private static String value(NamedNodeMap attributes, String name) {
        Node node = attributes.getNamedItem(name);
        return node == null ? null : node.getNodeValue();
    }
}
