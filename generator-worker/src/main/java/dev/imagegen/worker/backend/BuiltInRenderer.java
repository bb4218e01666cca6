package dev.imagegen.worker.backend;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Draws a real PNG, the same for the same prompt and seed: a gradient, shapes and the prompt's
 * words, at the requested size. Sleeps {@code latency} first, to stand in for a model's time.
 */
final class BuiltInRenderer implements ImageBackend {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Duration latency;

    BuiltInRenderer(Duration latency) {
        this.latency = latency;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        Thread.sleep(latency);
        List<GeneratedImage> images = new ArrayList<>(request.batchSize());
        for (int i = 0; i < request.batchSize(); i++) {
            long seed = request.seed() + i;
            BufferedImage pixels = draw(request.prompt(), seed, request.width(), request.height());
            images.add(new GeneratedImage(png(pixels), request.width(), request.height(), seed, pixels));
        }
        return images;
    }

    @Override
    public String model() {
        return "imagegen-builtin-renderer";
    }

    static byte[] render(String prompt, long seed, int width, int height) {
        return png(draw(prompt, seed, width, height));
    }

    private static BufferedImage draw(String prompt, long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed * 31 + prompt.hashCode());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, color(random), width, height, color(random)));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 140));
                int w = random.nextInt(width / 8, width / 2);
                int h = random.nextInt(height / 8, height / 2);
                int x = random.nextInt(width - w);
                int y = random.nextInt(height - h);
                if (random.nextBoolean()) {
                    g.fillOval(x, y, w, h);
                } else {
                    g.fillRect(x, y, w, h);
                }
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(16, width / 40)));
            String caption = prompt.length() > 80 ? prompt.substring(0, 80) + "…" : prompt;
            g.drawString(caption + "  #" + seed, width / 32, height - height / 32);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new BackendException("could not encode PNG: " + e.getMessage(), true, e);
        }
        return out.toByteArray();
    }

    private static Color color(SplittableRandom random) {
        return Color.getHSBColor(random.nextFloat(), 0.5f + random.nextFloat() / 2, 0.4f + random.nextFloat() / 2);
    }

    @Override
    public String type() {
        return "builtin";
    }

    /** Every parameter: they change nothing here, but the result and the PNG record them. */
    @Override
    public java.util.Set<String> supportedParameters() {
        return java.util.Set.copyOf(GenerationParameters.ALL);
    }
}
