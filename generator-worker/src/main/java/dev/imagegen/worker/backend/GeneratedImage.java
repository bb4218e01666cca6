package dev.imagegen.worker.backend;

import java.awt.image.BufferedImage;

/**
 * One PNG a backend returned, with its size and seed.
 *
 * @param pixels the image's pixels when the backend drew it in this process (the built-in renderer), so that its
 *     thumbnail is scaled from them instead of decoding the PNG again; null for an image that came over HTTP
 */
public record GeneratedImage(byte[] png, int width, int height, long seed, BufferedImage pixels) {

    /** An image known only by its bytes. */
    public GeneratedImage(byte[] png, int width, int height, long seed) {
        this(png, width, height, seed, null);
    }
}
