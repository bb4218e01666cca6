package dev.imagegen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./imagegen local}'s runner owns its processes: killed with SIGKILL it leaves nothing running
 * (its reaper stops the parts), and when the reaper is gone too, the next start stops what was left
 * before it starts anew. The demo tasks go into an empty database only.
 */
class LauncherTest {

    /** The runner's ports moved by this much, away from a local run's. */
    private static final int OFFSET = 21_000;

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path home;

    /** Whatever a failed assertion left running is stopped. */
    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        new ProcessBook(home.resolve("processes.pid")).reclaim(System.out);
        ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aPortThatIsTakenIsRefusedNamingItsHolder() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "the task API"))
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("the task API")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aRunnerKilledWithSigkillLeavesNothingRunningAndTheNextStartIsClean() throws Exception {
        // 1. Killed: its reaper stops every part.
        Runner first = Runner.start(home);
        List<ProcessHandle> firstParts = first.parts();
        assertThat(firstParts).extracting(p -> first.nameOf(p)).contains("postgres", "kafka", "task-api", "worker-2");
        first.process.destroyForcibly();
        await().atMost(Duration.ofSeconds(120)).until(() -> firstParts.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(tasks()).as("PostgreSQL is stopped").isEqualTo(-1);

        // 2. Killed together with its reaper: the parts go on running ...
        Runner second = Runner.start(home);
        List<ProcessHandle> secondParts = second.parts();
        assertThat(tasks()).as("the demo tasks went in once").isEqualTo(3);
        second.reaper().destroyForcibly();
        second.process.destroyForcibly();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> secondParts.stream().allMatch(ProcessHandle::isAlive));

        // 3. ... until the next start stops them first, then starts cleanly on the same data.
        Runner third = Runner.start(home);
        assertThat(third.output()).contains("left running by an earlier run");
        assertThat(secondParts).noneMatch(ProcessHandle::isAlive);
        assertThat(tasks()).as("no demo tasks into a database that has tasks").isEqualTo(3);

        // Ctrl-C (SIGTERM) stops everything.
        List<ProcessHandle> thirdParts = third.parts();
        third.process.destroy();
        assertThat(third.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(thirdParts).noneMatch(ProcessHandle::isAlive);
        assertThat(home.resolve("processes.pid")).doesNotExist();
    }

    /** How many tasks the database holds, or -1 when PostgreSQL does not answer. */
    private static long tasks() {
        String url =
                "jdbc:postgresql://localhost:%d/%s?connectTimeout=2".formatted(5433 + OFFSET, LocalPostgres.DATABASE);
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM tasks")) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@link LocalRunner} in a process of its own, started from the project directory. */
    private record Runner(Process process, Path home, StringBuffer out) {

        static Runner start(Path home) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Dimagegen.local.port-offset=" + OFFSET,
                    "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    LocalRunner.class.getName(),
                    home.toString()));
            Process process = new ProcessBuilder(command)
                    .directory(PROJECT.toFile())
                    .redirectErrorStream(true)
                    .start();
            StringBuffer out = new StringBuffer();
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        out.append(line).append('\n');
                        if (line.contains("imagegen is ready")) {
                            ready.complete(true);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                ready.complete(false);
            });
            Runner runner = new Runner(process, home, out);
            boolean started;
            try {
                started = ready.get(240, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                started = false;
            }
            assertThat(started).as("the runner started:%n%s", out).isTrue();
            return runner;
        }

        String output() {
            return out.toString();
        }

        /** The processes its book lists. */
        List<ProcessHandle> parts() {
            return new ProcessBook(home.resolve("processes.pid"))
                    .read().stream()
                            .map(e -> e.running().orElseThrow(() -> new AssertionError(e.name() + " is not running")))
                            .toList();
        }

        String nameOf(ProcessHandle process) {
            return new ProcessBook(home.resolve("processes.pid"))
                    .read().stream()
                            .filter(e -> e.pid() == process.pid())
                            .map(ProcessBook.Entry::name)
                            .findFirst()
                            .orElse("?");
        }

        /** The runner's child that its book does not list. */
        ProcessHandle reaper() {
            List<Long> parts = new ProcessBook(home.resolve("processes.pid"))
                    .read().stream().map(ProcessBook.Entry::pid).toList();
            return process.children()
                    .filter(p -> !parts.contains(p.pid()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no reaper among the runner's children"));
        }
    }

    @BeforeAll
    static void portsAreFree() {
        // Fails early and clearly if another run holds the moved ports.
        for (int port : new int[] {5433, 9092, 9093, 8080, 8081, 8082, 8083}) {
            Ports.requireFree(port + OFFSET, "the launcher test");
        }
    }
}
