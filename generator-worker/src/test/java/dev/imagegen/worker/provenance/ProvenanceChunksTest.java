package dev.imagegen.worker.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.worker.PngTexts;
import dev.imagegen.worker.StubPng;
import dev.imagegen.worker.backend.GenerationParameters;
import dev.imagegen.worker.backend.Ratios;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ProvenanceChunksTest {

    @Test
    void latinTextBecomesTextChunksAndChineseAnInternationalOneTheImageUnchanged() throws Exception {
        byte[] png = StubPng.of(96, 64, 3);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("parameters", "a red fox\nSteps: 20, Seed: 1");
        texts.put("imagegen:original_prompt", "一只红狐狸，雪");

        byte[] stamped = PngTextChunks.with(png, texts);

        assertThat(PngTexts.of(stamped)).isEqualTo(texts);
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(stamped));
        assertThat(after.getWidth()).isEqualTo(96);
        assertThat(after.getRGB(10, 10)).isEqualTo(before.getRGB(10, 10));
        assertThat(new String(stamped, 37, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("tEXt");
    }

    @Test
    void theInfotextFollowsA1111sOrderAndQuotesValuesWithCommasOrColons() {
        String text = Infotext.of(
                "(a fox:1.2), snow",
                "blurry",
                new GenerationParameters(Map.of(
                        "steps",
                        20,
                        "sampler",
                        "DPM++ 2M, Karras",
                        "cfg_scale",
                        7.0,
                        "enable_hr",
                        true,
                        "hr_scale",
                        2)),
                123,
                1024,
                1024,
                "v1-5",
                Map.of("Backend", "a1111"));

        assertThat(text)
                .isEqualTo("(a fox:1.2), snow\nNegative prompt: blurry\nSteps: 20, Sampler: \"DPM++ 2M, Karras\","
                        + " CFG scale: 7, Seed: 123, Size: 1024x1024, Model: v1-5, Hires upscale: 2, Backend: a1111");
    }

    @Test
    void theIdsLeadBackToTheWork() {
        UUID task = UUID.randomUUID();
        UUID subtask = UUID.randomUUID();

        Map<String, String> texts = Provenance.texts("p", task, subtask, 3, "comfyui", null);

        assertThat(texts)
                .containsExactly(
                        Map.entry("parameters", "p"),
                        Map.entry("imagegen:task_id", task.toString()),
                        Map.entry("imagegen:subtask_id", subtask.toString()),
                        Map.entry("imagegen:attempt", "3"),
                        Map.entry("imagegen:backend", "comfyui"));
        assertThat(Ratios.size("21:9")).containsExactly(1536, 640);
    }
}
