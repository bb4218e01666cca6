package dev.imagegen.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small process of its own that waits for a launcher to exit and then stops what the launcher's
 * {@link ProcessBook} still lists, so a launcher killed with SIGKILL (or whose terminal died) leaves
 * nothing running. A launcher that stops normally empties its book first, and this finds nothing.
 */
public final class Reaper {

    private Reaper() {}

    public static void main(String[] args) throws InterruptedException {
        long launcher = Long.parseLong(args[0]);
        ProcessBook book = new ProcessBook(Path.of(args[1]));
        ProcessHandle.of(launcher).ifPresent(process -> process.onExit().join());
        List<String> stopped = book.reclaim(System.out);
        if (!stopped.isEmpty()) {
            System.out.println("The launcher (pid " + launcher + ") exited; stopped " + stopped);
        }
    }

    /** Starts a reaper for this process and {@code book}; its output goes to {@code log}. */
    static Process watch(ProcessBook book, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx32m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Reaper.class.getName(),
                Long.toString(ProcessHandle.current().pid()),
                book.file().toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
