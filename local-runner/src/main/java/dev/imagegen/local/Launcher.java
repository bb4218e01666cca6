package dev.imagegen.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the system's parts as processes of their own, over one data directory, and owns them. The
 * one start-up of {@code ./imagegen local}, {@code ./imagegen chaos} and {@code ./imagegen bench}:
 *
 * <ul>
 *   <li>what an earlier launcher over the same directory left running (it was killed, its terminal
 *       died) is stopped first, from the {@link ProcessBook} in the directory;
 *   <li>a part never starts over a port another process holds: the error names that process;
 *   <li>a {@link Reaper} process stops every part if this launcher dies without stopping them;
 *   <li>{@link #close} stops the apps first, then Kafka, then PostgreSQL.
 * </ul>
 */
public final class Launcher implements AutoCloseable {

    private final Path home;
    private final Path logs;
    private final ProcessBook book;
    private final Process reaper;
    private final List<LocalApp> apps = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;

    private Launcher(Path home, Path logs, ProcessBook book, Process reaper) {
        this.home = home;
        this.logs = logs;
        this.book = book;
        this.reaper = reaper;
    }

    /**
     * Stops what an earlier run over {@code home} left, empties {@code home} if {@code fresh}, and
     * starts this run's reaper; logs go to {@code home/logs}.
     */
    public static Launcher open(Path home, PrintStream out, boolean fresh) throws IOException, InterruptedException {
        Files.createDirectories(home);
        ProcessBook book = new ProcessBook(home.resolve("processes.pid"));
        book.reclaim(out);
        if (fresh) {
            LocalApp.emptyDirectory(home);
        }
        Path logs = Files.createDirectories(home.resolve("logs"));
        return new Launcher(home, logs, book, Reaper.watch(book, logs.resolve("reaper.log")));
    }

    public Path home() {
        return home;
    }

    public Path logs() {
        return logs;
    }

    public synchronized LocalPostgres startPostgres(int port, Map<String, String> settings) throws Exception {
        Ports.requireFree(port, "PostgreSQL");
        postgres = LocalPostgres.start(home.resolve("postgres"), port, settings);
        writeBook();
        return postgres;
    }

    public synchronized void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
        writeBook();
    }

    public synchronized LocalKafka startKafka(int port, int controllerPort) throws Exception {
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "Kafka's controller");
        kafka = LocalKafka.start(home.resolve("kafka"), port, controllerPort, logs.resolve("kafka.log"));
        writeBook();
        return kafka;
    }

    public synchronized void stopKafka() throws InterruptedException {
        kafka.close();
        kafka = null;
        writeBook();
    }

    /** What every app reads from its environment (the running PostgreSQL and Kafka); a new map to add to. */
    public synchronized Map<String, String> environment() {
        return LocalApp.environment(postgres.jdbcUrl(), kafka.bootstrapServers(), home.resolve("images"));
    }

    /** Starts a module's app with quick-start JVM options (C1 only). */
    public LocalApp startApp(String name, String module, int port, Map<String, String> environment) throws IOException {
        return startApp(name, module, port, environment, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"));
    }

    public synchronized LocalApp startApp(
            String name, String module, int port, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        Ports.requireFree(port, name);
        LocalApp app = LocalApp.start(name, LocalApp.jar(module), port, environment, logs, jvmOptions);
        apps.add(app);
        writeBook();
        return app;
    }

    /** The running parts by name: postgres, kafka, then the apps in start order. */
    public synchronized Map<String, ProcessHandle> parts() {
        Map<String, ProcessHandle> parts = new java.util.LinkedHashMap<>();
        try {
            if (postgres != null) {
                parts.put("postgres", postgres.process());
            }
        } catch (IOException e) {
            // not running: left out
        }
        if (kafka != null) {
            parts.put("kafka", kafka.process());
        }
        apps.forEach(app -> parts.put(app.name, app.process()));
        return parts;
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    public void stop(LocalApp app) throws InterruptedException {
        app.close();
        forget(app);
    }

    /** SIGKILL. */
    public void kill(LocalApp app) throws InterruptedException {
        app.kill();
        forget(app);
    }

    private synchronized void forget(LocalApp app) {
        apps.remove(app);
        writeBook();
    }

    /** PostgreSQL first and the apps last: the book is stopped in reverse. */
    private void writeBook() {
        List<ProcessBook.Entry> entries = new ArrayList<>();
        parts().forEach((name, process) -> entries.add(ProcessBook.Entry.of(
                process, name.equals("postgres") ? ProcessBook.Stop.INT : ProcessBook.Stop.TERM, name)));
        book.write(entries);
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> order = new ArrayList<>(apps.reversed());
        order.add(kafka);
        order.add(postgres);
        for (AutoCloseable part : order) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
        apps.clear();
        kafka = null;
        postgres = null;
        book.write(List.of());
        reaper.destroy();
    }
}
