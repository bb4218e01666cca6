package dev.imagegen.api.download;

import dev.imagegen.api.task.SubtaskResult;
import dev.imagegen.api.task.TaskVariable;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The zip's manifest.csv, one row per image, written to a file as the images stream (so it describes exactly the
 * images in the zip, and no row is held in memory). Each variable has its own column, headed by its key and type and
 * holding the value's name as people read it (a tag's name, else its text).
 */
final class Manifest implements Closeable {

    /** Leads the file so that spreadsheet programs read it as UTF-8: most names and prompts are Chinese. */
    static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Map<String, TaskVariable> variables;
    private final CSVPrinter printer;

    Manifest(Path file, Map<String, TaskVariable> variables) throws IOException {
        this.variables = new TreeMap<>(variables);
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        List<String> header = new ArrayList<>(List.of("subtask_id", "image"));
        this.variables.forEach((key, variable) -> header.add(key + " " + variable.type()));
        header.addAll(List.of("prompt", "seed", "ratio", "rating", "evaluation", "file"));
        this.printer = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get());
    }

    /** One image's row; {@code file} is its name inside the zip, empty when its file was not found. */
    void add(CompletedSubtask subtask, int image, SubtaskResult.Image of, String file) throws IOException {
        List<Object> row = new ArrayList<>();
        row.add(subtask.id());
        row.add(image);
        variables.forEach((key, variable) ->
                row.add(label(variable, subtask.variableIndices().get(key))));
        row.add(subtask.prompt());
        row.add(of.seed() != null ? of.seed() : subtask.seed());
        row.add(subtask.ratio());
        row.add(subtask.rating());
        row.add(subtask.evaluation());
        row.add(file);
        printer.printRecord(row);
    }

    /** A variable's value as people name it: a tag's name, else its text; a plain value as written. */
    static String label(TaskVariable variable, Integer index) {
        if (index == null
                || variable.values() == null
                || index < 0
                || index >= variable.values().size()) {
            return "";
        }
        Object value = variable.values().get(index);
        if (value instanceof Map<?, ?> object) {
            Object name = object.get("name");
            if (name instanceof String text && !text.isBlank()) {
                return text;
            }
            return String.valueOf(object.get("value"));
        }
        return String.valueOf(value);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
