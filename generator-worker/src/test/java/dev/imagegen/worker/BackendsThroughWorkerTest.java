package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.worker.StubImageServer.Answer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each real backend adapter, driven by a real worker against its stub: request, result and PNG. */
class BackendsThroughWorkerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void automatic1111GetsTheTasksParametersAndThePolishedPromptAndThePngSaysSo() throws Exception {
        String png = Base64.getEncoder().encodeToString(StubPng.of(1344, 768, 1));
        try (StubImageServer a1111 = new StubImageServer(
                        "/sdapi/v1/txt2img",
                        body -> new Answer(200, "{\"images\":[\"" + png + "\"],\"info\":\"{}\"}"));
                WorkerTestBed bed = new WorkerTestBed("a1111_through_worker", 2)) {
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type", "a1111",
                            "imagegen.worker.backends.default.url", a1111.baseUrl(),
                            "imagegen.worker.backends.default.model", "sd15"));
            UUID taskId = bed.submitTask(1, null);
            bed.jdbc.sql("""
                    UPDATE subtasks SET use_polish = true, parameters = '{"steps": 30, "cfg_scale": 6.5,
                        "sampler": "DPM++ 2M", "scheduler": "Karras", "checkpoint": "sdxl_base",
                        "negative_prompt": "blurry, lowres"}' WHERE task_id = ?
                    """).param(taskId).update();
            bed.startRelay();

            JsonNode result = completedResult(bed, taskId);

            JsonNode sent = json.readTree(a1111.requests().getFirst());
            assertThat(sent.path("steps").asInt()).isEqualTo(30);
            assertThat(sent.path("cfg_scale").asDouble()).isEqualTo(6.5);
            assertThat(sent.path("sampler_name").asString()).isEqualTo("DPM++ 2M");
            assertThat(sent.path("scheduler").asString()).isEqualTo("Karras");
            assertThat(sent.path("negative_prompt").asString()).isEqualTo("blurry, lowres");
            assertThat(sent.path("override_settings")
                            .path("sd_model_checkpoint")
                            .asString())
                    .isEqualTo("sdxl_base");
            assertThat(sent.path("prompt").asString())
                    .startsWith("a red fox, (snow:1.2), ")
                    .contains("masterpiece");
            JsonNode metadata = result.path("metadata");
            assertThat(metadata.path("backend").asString()).isEqualTo("a1111");
            assertThat(metadata.path("model").asString()).isEqualTo("sdxl_base");
            assertThat(metadata.path("original_prompt").asString()).isEqualTo("a red fox, (snow:1.2)");
            assertThat(metadata.path("polished_prompt").asString())
                    .isEqualTo(sent.path("prompt").asString());
            assertThat(metadata.path("timings_ms").path("backend").isNumber()).isTrue();
            assertThat(metadata.path("size").asString()).isEqualTo("1344x768");

            Map<String, String> texts = PngTexts.of(storedPng(bed, taskId, result));
            // The grid's thumbnail is made where the image is stored: the page's first view reads a ready file.
            BufferedImage thumbnail = ImageIO.read(storedFile(bed, taskId, result)
                    .resolveSibling("thumbnails")
                    .resolve(subtaskId(bed, taskId) + "-0.jpg")
                    .toFile());
            assertThat(thumbnail.getWidth()).isEqualTo(320);
            assertThat(thumbnail.getHeight()).isEqualTo(183);
            assertThat(texts.get("parameters"))
                    .startsWith(sent.path("prompt").asString() + "\nNegative prompt: blurry, lowres\n")
                    .contains("Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1000,"
                            + " Size: 1344x768, Model: sdxl_base, Backend: a1111");
            assertThat(texts)
                    .containsEntry("imagegen:task_id", taskId.toString())
                    .containsEntry("imagegen:attempt", "1")
                    .containsEntry("imagegen:original_prompt", "a red fox, (snow:1.2)");
            assertThat(texts.get("imagegen:subtask_id"))
                    .isEqualTo(subtaskId(bed, taskId).toString());
            assertThat(bed.jdbc
                            .sql("SELECT backend_type || ' ' || model FROM backend_endpoints WHERE name = 'default'")
                            .query(String.class)
                            .single())
                    .isEqualTo("a1111 sd15");
        }
    }

    @Test
    void comfyUiGeneratesTheTasksImagesThroughTheWorkflowTemplate() throws Exception {
        try (StubComfyUi comfy = new StubComfyUi(List.of("v1-5-pruned-emaonly.safetensors"));
                WorkerTestBed bed = new WorkerTestBed("comfyui_through_worker", 2)) {
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type",
                            "comfyui",
                            "imagegen.worker.backends.default.url",
                            comfy.baseUrl()));
            UUID taskId = bed.submitTask(1, null);
            bed.jdbc
                    .sql("UPDATE subtasks SET parameters = '{\"steps\": 12}' WHERE task_id = ?")
                    .param(taskId)
                    .update();
            bed.startRelay();

            JsonNode result = completedResult(bed, taskId);

            assertThat(comfy.prompts()
                            .getFirst()
                            .path("3")
                            .path("inputs")
                            .path("steps")
                            .asInt())
                    .isEqualTo(12);
            assertThat(result.path("metadata").path("backend").asString()).isEqualTo("comfyui");
            assertThat(result.path("width").asInt()).isEqualTo(1344);
            Map<String, String> texts = PngTexts.of(storedPng(bed, taskId, result));
            assertThat(texts.get("parameters"))
                    .contains("Steps: 12, Seed: 1000, Size: 1344x768, Model: v1-5-pruned-emaonly.safetensors,"
                            + " Backend: comfyui");
        }
    }

    @Test
    void openAiGetsTheModelsNearestSizeAndTheActualSizeIsRecorded() throws Exception {
        try (StubOpenAi openAi = new StubOpenAi("sk-test");
                WorkerTestBed bed = new WorkerTestBed("openai_through_worker", 2)) {
            bed.startWorker("worker-a", openAiEndpoint(openAi, "sk-test"));
            UUID taskId = bed.submitTask(1, null);
            bed.jdbc
                    .sql("UPDATE subtasks SET parameters = '{\"quality\": \"low\"}' WHERE task_id = ?")
                    .param(taskId)
                    .update();
            bed.startRelay();

            JsonNode result = completedResult(bed, taskId);

            assertThat(openAi.requests().getFirst().path("quality").asString()).isEqualTo("low");
            JsonNode metadata = result.path("metadata");
            assertThat(metadata.path("model").asString()).isEqualTo("gpt-image-1");
            assertThat(metadata.path("requested_size").asString()).isEqualTo("1344x768");
            assertThat(metadata.path("size").asString()).isEqualTo("1536x1024");
            assertThat(PngTexts.of(storedPng(bed, taskId, result)).get("parameters"))
                    .contains("Seed: 1000, Size: 1536x1024, Model: gpt-image-1, Backend: openai");
        }
    }

    @Test
    void aRejectedOpenAiKeyFailsTheSubtaskWithoutRetriesAndPausesTheQueueWithASystemLog() throws Exception {
        try (StubOpenAi openAi = new StubOpenAi("sk-right");
                WorkerTestBed bed = new WorkerTestBed("openai_key_rejected", 2)) {
            bed.startWorker("worker-a", openAiEndpoint(openAi, "sk-revoked"));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'failed'", taskId)
                                    == 1);

            assertThat(bed.jdbc
                            .sql("SELECT retry_count || ' ' || error FROM subtasks WHERE task_id = ?")
                            .param(taskId)
                            .query(String.class)
                            .single())
                    .startsWith("0 OpenAI answered HTTP 401 invalid_api_key");
            assertThat(bed.jdbc
                            .sql("SELECT is_active FROM task_queues WHERE id = ?")
                            .param(bed.queueId)
                            .query(Boolean.class)
                            .single())
                    .isFalse();
            assertThat(bed.jdbc
                            .sql(
                                    "SELECT message FROM system_logs WHERE component = 'generator_worker' AND log_level = 'ERROR'")
                            .query(String.class)
                            .list())
                    .containsExactly(
                            "queue " + bed.queueName + " paused: backend endpoint default refused the credentials");
            assertThat(bed.jdbc
                            .sql("SELECT details->>'changed_by' FROM system_logs WHERE message = ?")
                            .param("queue " + bed.queueName + ": paused")
                            .query(String.class)
                            .list())
                    .containsExactly("worker-a");
        }
    }

    private static Map<String, Object> openAiEndpoint(StubOpenAi openAi, String key) {
        return Map.of(
                "imagegen.worker.backends.default.type",
                "openai",
                "imagegen.worker.backends.default.url",
                openAi.baseUrl(),
                "imagegen.worker.backends.default.api-key",
                key);
    }

    private JsonNode completedResult(WorkerTestBed bed, UUID taskId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);
        return json.readTree(bed.jdbc
                .sql("SELECT result::text FROM subtasks WHERE task_id = ?")
                .param(taskId)
                .query(String.class)
                .single());
    }

    private static UUID subtaskId(WorkerTestBed bed, UUID taskId) {
        return bed.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ?")
                .param(taskId)
                .query(UUID.class)
                .single();
    }

    private static byte[] storedPng(WorkerTestBed bed, UUID taskId, JsonNode result) throws Exception {
        return Files.readAllBytes(storedFile(bed, taskId, result));
    }

    private static Path storedFile(WorkerTestBed bed, UUID taskId, JsonNode result) {
        String url = result.path("url").asString();
        return Path.of(
                "target/images", bed.database.name(), taskId.toString(), url.substring(url.lastIndexOf('/') + 1));
    }
}
