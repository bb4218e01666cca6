package dev.imagegen.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a launcher started, in a file in its data directory ({@code processes.pid}): one
 * line per process with its pid, its start time (so a pid the OS has given to another program since
 * is never touched), how it stops and its name. Whoever finds the file after the launcher died (its
 * reaper, or the next start) stops what is listed: apps first, then Kafka, then PostgreSQL.
 */
public final class ProcessBook {

    /** How a process is asked to stop: SIGTERM, or SIGINT (PostgreSQL's fast shutdown). */
    public enum Stop {
        TERM,
        INT
    }

    /** One process the launcher started. */
    public record Entry(long pid, long startedMillis, Stop stop, String name) {

        static Entry of(ProcessHandle process, Stop stop, String name) {
            return new Entry(process.pid(), startMillis(process), stop, name);
        }

        String line() {
            return pid + " " + startedMillis + " " + stop + " " + name;
        }

        static Entry parse(String line) {
            String[] parts = line.split(" ", 4);
            return new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Stop.valueOf(parts[2]), parts[3]);
        }

        /** The process, if it still runs and is the one that was started (not a reused pid). */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis(p) == startedMillis);
        }
    }

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path file;

    public ProcessBook(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Writes the list of running processes (replacing the previous one atomically). */
    public synchronized void write(List<Entry> entries) {
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, entries.stream().map(Entry::line).toList(), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the file lists; empty when there is no file. */
    public synchronized List<Entry> read() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(Entry.parse(line));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every listed process that still runs, in the file's order reversed (the launcher lists
     * PostgreSQL first and the apps last), each within {@link #GRACE} before it is killed; then
     * deletes the file. Returns the names of the processes it stopped.
     */
    public List<String> reclaim(PrintStream out) throws InterruptedException {
        List<Entry> entries = new ArrayList<>(read());
        List<String> stopped = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            Optional<ProcessHandle> process = entry.running();
            if (process.isEmpty()) {
                continue;
            }
            out.printf("Stopping %s (pid %d), left running by an earlier run%n", entry.name(), entry.pid());
            stop(process.get(), entry.stop());
            stopped.add(entry.name());
        }
        synchronized (this) {
            // A new run may have started over the same directory meanwhile: its list stays.
            if (read().equals(entries)) {
                write(List.of());
            }
        }
        return stopped;
    }

    /** Asks the process to stop, and kills it if it has not within the grace time. */
    static void stop(ProcessHandle process, Stop how) throws InterruptedException {
        if (how == Stop.INT) {
            signal(process.pid(), "-INT");
        } else {
            process.destroy();
        }
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static void signal(long pid, String signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
