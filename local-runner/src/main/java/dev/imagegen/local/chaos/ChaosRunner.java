package dev.imagegen.local.chaos;

import dev.imagegen.local.Launcher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./imagegen chaos [full|small]}: starts the system as separate processes, submits a steady
 * load through the API and meanwhile kills a worker mid-generation (SIGKILL), kills the leading
 * dispatcher (SIGKILL), stops and restarts Kafka, restarts PostgreSQL and rewinds the workers' offsets
 * to the beginning, while a sampler checks invariant 1 every 10 ms. Once the load stops and the system
 * has drained it checks that every subtask finished, none was generated twice, the consistency
 * functions find nothing and every attempt reached Kafka, prints a table and exits 1 if any check
 * failed.
 */
public final class ChaosRunner {

    /** How long and how hard a run is. */
    record Profile(String name, int workers, Duration load, Duration interval, int variants, Duration generation) {

        static Profile named(String name) {
            return switch (name) {
                case "full" ->
                    new Profile("full", 3, Duration.ofSeconds(150), Duration.ofMillis(400), 6, Duration.ofMillis(600));
                case "small" ->
                    new Profile("small", 3, Duration.ofSeconds(75), Duration.ofMillis(500), 4, Duration.ofMillis(600));
                default -> throw new IllegalArgumentException("unknown profile " + name + " (full or small)");
            };
        }

        /** When the i-th of the five faults is due, spread over the load. */
        Duration faultAt(int i) {
            return load.multipliedBy(i + 1).dividedBy(7);
        }

        /** The least quiet time after one fault has been dealt with before the next begins. */
        Duration gap() {
            return load.dividedBy(15);
        }
    }

    /** One injected fault: what, when (seconds into the run), and what it found or did. */
    record Fault(String name, Instant at, double second, String detail) {
        Fault withDetail(String newDetail) {
            return new Fault(name, at, second, newDetail);
        }
    }

    private static final Duration LEASE = Duration.ofSeconds(5);

    private ChaosRunner() {}

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.named(args.length > 0 ? args[0] : "full");
        Path home = Path.of(".chaos", profile.name()).toAbsolutePath();
        Launcher launcher = Launcher.open(home, System.out, true);
        Path logs = launcher.logs();
        System.out.printf(
                "Chaos run '%s': %d workers, 2 dispatchers, load %ds, logs in %s%n",
                profile.name(), profile.workers(), profile.load().toSeconds(), logs);

        boolean passed;
        long started = System.nanoTime();
        try (RecordingBackend backend = RecordingBackend.start(profile.generation());
                ChaosSystem system = ChaosSystem.start(launcher, profile.workers(), LEASE, backend)) {
            Thread stopper = new Thread(system::close, "chaos-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            System.out.printf("System up in %.0f s%n", (System.nanoTime() - started) / 1e9);
            passed = run(profile, system, backend);
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(Profile profile, ChaosSystem system, RecordingBackend backend) throws Exception {
        List<Fault> faults = new ArrayList<>();
        Instant start = Instant.now();
        SteadyLoad load = new SteadyLoad(ChaosSystem.API_PORT, "user1", profile.variants(), Duration.ofSeconds(120));
        try (InvariantSampler sampler = new InvariantSampler(system.jdbcUrl(), "imagegen", "imagegen");
                load) {
            sampler.start(Duration.ofMillis(10));
            load.start(profile.interval());

            waitForFault(start, profile, 0, faults);
            ChaosSystem.KilledWorker killed = system.killBusiestWorker();
            faults.add(fault(
                    start,
                    "SIGKILL worker mid-generation",
                    killed.id() + " held " + killed.runningAttempts() + " running attempts"));
            system.restartWorker(killed.slot());

            waitForFault(start, profile, 1, faults);
            int dispatcher = system.killLeadingDispatcher();
            Instant killedAt = Instant.now();
            faults.add(fault(start, "SIGKILL leading dispatcher", "dispatcher-" + (dispatcher + 1)));
            String takeover = awaitLeader(system, Duration.ofSeconds(60));
            faults.set(
                    faults.size() - 1,
                    faults.getLast()
                            .withDetail("dispatcher-%d; %s leads after %.1f s"
                                    .formatted(
                                            dispatcher + 1,
                                            takeover,
                                            Duration.between(killedAt, Instant.now())
                                                            .toMillis()
                                                    / 1e3)));
            system.restartDispatcher(dispatcher);

            waitForFault(start, profile, 2, faults);
            system.stopKafka();
            faults.add(fault(start, "Kafka broker stopped", "down 10 s"));
            Thread.sleep(10_000);
            system.startKafkaAgain();

            waitForFault(start, profile, 3, faults);
            system.stopPostgres();
            faults.add(fault(start, "PostgreSQL restarted", "fast shutdown, then started on the same data"));
            system.startPostgresAgain();

            waitForFault(start, profile, 4, faults);
            faults.add(fault(start, "Worker offsets rewound", ""));
            long rewound = system.rewindWorkerOffsets();
            faults.set(
                    faults.size() - 1,
                    faults.getLast()
                            .withDetail("workers stopped, group moved to the beginning (" + rewound
                                    + " records again), restarted"));

            // The load goes on for a while after the last fault, so recovery happens under load.
            Instant recovered = Instant.now().plus(profile.gap().multipliedBy(2));
            Instant end = start.plus(profile.load());
            waitUntil(end.isAfter(recovered) ? end : recovered, Duration.ZERO);
            load.stop();
            System.out.printf(
                    "Load stopped at %.0f s: %d tasks sent, %d accepted; draining ...%n",
                    seconds(start), load.sent(), load.accepted().size());
            Duration drained = drain(system, Duration.ofSeconds(300));
            sampler.close();
            return ChaosReport.write(profile, system, backend, load, sampler, faults, start, drained);
        }
    }

    private static Fault fault(Instant start, String name, String detail) {
        Instant now = Instant.now();
        System.out.printf("%6.1f s  %s  %s%n", seconds(start), name, detail);
        return new Fault(name, now, seconds(start), detail);
    }

    private static String awaitLeader(ChaosSystem system, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var leader = system.leadingDispatcher();
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(100);
        }
        return "no dispatcher";
    }

    /** Waits until no subtask is pending or processing; returns how long it took. */
    private static Duration drain(ChaosSystem system, Duration timeout) throws InterruptedException {
        long begin = System.nanoTime();
        long lastPrint = 0;
        long lastCount = -1;
        while (System.nanoTime() - begin < timeout.toNanos()) {
            try (Connection connection = system.connect()) {
                long unfinished = ChaosChecks.unfinished(connection);
                if (unfinished == 0) {
                    return Duration.ofNanos(System.nanoTime() - begin);
                }
                if (unfinished != lastCount && System.nanoTime() - lastPrint > 5e9
                        || System.nanoTime() - lastPrint > 60e9) {
                    System.out.printf("  %d subtasks still unfinished%n", unfinished);
                    lastPrint = System.nanoTime();
                    lastCount = unfinished;
                }
            } catch (SQLException e) {
                System.out.println("  database not reachable: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Waits until fault {@code i} is due and the previous fault is at least a gap behind. */
    private static void waitForFault(Instant start, Profile profile, int i, List<Fault> faults)
            throws InterruptedException {
        Instant due = start.plus(profile.faultAt(i));
        Instant quiet = Instant.now().plus(profile.gap());
        waitUntil(faults.isEmpty() || due.isAfter(quiet) ? due : quiet, Duration.ZERO);
    }

    private static void waitUntil(Instant start, Duration offset) throws InterruptedException {
        long wait = Duration.between(Instant.now(), start.plus(offset)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1e3;
    }
}
