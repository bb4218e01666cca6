package dev.imagegen.worker.backend;

/** Reads width and height from a PNG's IHDR chunk, without decoding the image. */
final class PngSize {

    private PngSize() {}

    static int[] of(byte[] png) {
        if (png.length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            throw new BackendException("backend returned something that is not a PNG", true, null);
        }
        return new int[] {readInt(png, 16), readInt(png, 20)};
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
