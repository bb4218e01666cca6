package dev.imagegen.api.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finishes subtasks as a worker would: image files in the task's folder and a result naming them. */
final class FinishedImages {

    private static final String COMPLETE = """
            UPDATE subtasks SET status = 'completed', completed_at = now(), seed = :seed,
                   result = CAST(:result AS jsonb)
             WHERE task_id = :task AND id = :id
            """;

    private final JdbcClient jdbc;
    private final Path directory;

    FinishedImages(JdbcClient jdbc, Path directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** The subtasks of the task in expansion order. */
    List<UUID> subtasks(UUID task) {
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = :task ORDER BY variable_indices, id")
                .param("task", task)
                .query(UUID.class)
                .list();
    }

    /** The bytes of image {@code n} of a subtask: a PNG signature, then text naming it. */
    static byte[] png(UUID subtask, int n) {
        byte[] text = ("image " + n + " of " + subtask).getBytes(StandardCharsets.UTF_8);
        byte[] png = new byte[8 + text.length];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        System.arraycopy(text, 0, png, 8, text.length);
        return png;
    }

    static String fileName(UUID subtask, int n) {
        return subtask + "-" + n + ".png";
    }

    /** Completes the subtask with {@code batch} images, seeds 1000 + n, writing their files unless told not to. */
    void complete(UUID task, UUID subtask, int batch, boolean writeFiles) throws IOException {
        Path folder = Files.createDirectories(directory.resolve(task.toString()));
        StringBuilder images = new StringBuilder();
        for (int n = 0; n < batch; n++) {
            if (writeFiles) {
                Files.write(folder.resolve(fileName(subtask, n)), png(subtask, n));
            }
            images.append(n == 0 ? "" : ",")
                    .append("{\"url\": \"/images/%s/%s\", \"width\": 64, \"height\": 64, \"seed\": %d}"
                            .formatted(task, fileName(subtask, n), 1000 + n));
        }
        String result = """
                {"url": "/images/%s/%s", "width": 64, "height": 64, "seed": 1000,
                 "metadata": {"prompt": "prompt of %s", "model": "test"}, "images": [%s]}
                """.formatted(task, fileName(subtask, 0), subtask, images);
        jdbc.sql(COMPLETE)
                .param("task", task)
                .param("id", subtask)
                .param("seed", 1000L)
                .param("result", result)
                .update();
    }
}
