package dev.imagegen.api.download;

import dev.imagegen.api.download.CompletedSubtasks.TaskFacts;
import dev.imagegen.api.image.TaskImageFiles;
import dev.imagegen.api.task.SubtaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * Writes a task's completed images as a zip: {@code images/<file>} for each image, in expansion order, then
 * {@code manifest.csv}. Subtasks are read a page at a time and each image is copied from its file straight into the
 * stream and flushed, so memory stays the same whatever the task's size and the first image leaves at once. PNGs are
 * stored without compression (they are compressed already); the manifest is deflated.
 */
@Component
class ImagesZip {

    static final String MANIFEST = "manifest.csv";
    static final String IMAGES_FOLDER = "images/";

    private static final int PAGE = 100;

    private final CompletedSubtasks subtasks;
    private final TaskImageFiles files;

    ImagesZip(CompletedSubtasks subtasks, TaskImageFiles files) {
        this.subtasks = subtasks;
        this.files = files;
    }

    /** Writes the zip of every completed image of the task, or only of the {@code selected} subtasks when not null. */
    void write(TaskFacts task, Collection<UUID> selected, OutputStream out) throws IOException {
        Path manifestFile = Files.createTempFile("imagegen-manifest-", ".csv");
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            try (Manifest manifest = new Manifest(manifestFile, task.variables())) {
                zip.setLevel(Deflater.NO_COMPRESSION);
                CompletedSubtask last = null;
                List<CompletedSubtask> page;
                do {
                    page = subtasks.page(task.id(), selected, last, PAGE);
                    for (CompletedSubtask subtask : page) {
                        List<SubtaskResult.Image> images = subtask.images();
                        for (int i = 0; i < images.size(); i++) {
                            String entry = copy(task, images.get(i), zip);
                            manifest.add(subtask, i, images.get(i), entry);
                        }
                        last = subtask;
                    }
                } while (page.size() == PAGE);
            }
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            Files.copy(manifestFile, zip);
            zip.closeEntry();
        } finally {
            Files.deleteIfExists(manifestFile);
        }
    }

    /** Copies one image's file into the zip and answers its name there; empty when the file is not there. */
    private String copy(TaskFacts task, SubtaskResult.Image image, ZipOutputStream zip) throws IOException {
        Optional<Path> file = files.ofUrl(task.id(), image.url());
        if (file.isEmpty()) {
            return "";
        }
        String name = IMAGES_FOLDER + file.get().getFileName();
        InputStream in;
        try {
            in = Files.newInputStream(file.get());
        } catch (NoSuchFileException gone) {
            return "";
        }
        try (in) {
            try {
                zip.putNextEntry(new ZipEntry(name));
            } catch (ZipException duplicate) {
                // A result that names one file twice: the zip holds it once.
                return name;
            }
            in.transferTo(zip);
            zip.closeEntry();
        }
        zip.flush();
        return name;
    }
}
