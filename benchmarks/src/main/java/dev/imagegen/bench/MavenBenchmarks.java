package dev.imagegen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --all}: the modules' own benchmark programs, run through the Maven wrapper after the bench's servers stopped. */
final class MavenBenchmarks {

    private MavenBenchmarks() {}

    /** Runs one program; answers its output's table lines under {@code title}. */
    static String run(BenchSystem system, String title, String module, String mainClass) throws Exception {
        BenchRunner.log("--all: " + title);
        Path output = system.logs.resolve(module + "-benchmark.log");
        List<String> command = List.of(
                Path.of("mvnw").toAbsolutePath().toString(),
                "-B",
                "-q",
                "-pl",
                module,
                "test-compile",
                "exec:java",
                "-Dexec.classpathScope=test",
                "-Dexec.mainClass=" + mainClass);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        system.track(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        int exit = process.waitFor();
        StringBuilder table = new StringBuilder("### " + title + "\n\n```\n" + String.join(" ", command) + "\n```\n\n");
        List<String> lines = Files.readAllLines(output).stream()
                .filter(line -> line.startsWith("|"))
                .toList();
        if (exit != 0 || lines.isEmpty()) {
            table.append("Failed (exit ")
                    .append(exit)
                    .append("); see ")
                    .append(output)
                    .append('\n');
        } else {
            lines.forEach(line -> table.append(line).append('\n'));
        }
        return table.toString();
    }
}
