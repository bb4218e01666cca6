package dev.imagegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a run's CPU goes: user + system time of each of the system's processes (PostgreSQL with its
 * backends, Kafka, each app) and of this JVM, read from {@code /proc}, before and after the run. On
 * a machine whose cores are all busy, throughput is the cores divided by the CPU time one subtask
 * costs, so this accounts for a throughput gap process by process.
 */
final class CpuTime {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds by process name, and when they were read. */
    record Sample(Map<String, Double> seconds, long nanos) {}

    private final Supplier<Map<String, ProcessHandle>> parts;

    CpuTime(Supplier<Map<String, ProcessHandle>> parts) {
        this.parts = parts;
    }

    Sample sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        parts.get().forEach((name, process) -> seconds.put(name, seconds(process, name.equals("postgres"))));
        seconds.put("bench JVM", seconds(ProcessHandle.current(), false));
        return new Sample(seconds, System.nanoTime());
    }

    /**
     * "CPU during ours, 1 worker (wall 20.4 s, 2 cores = 40.8 core-s, 86 % used): postgres 12.1 s
     * (2.4 ms per subtask), ...", largest first.
     */
    static String between(String label, Sample before, Sample after, long subtasks) {
        double wall = (after.nanos() - before.nanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> used = new LinkedHashMap<>();
        after.seconds().forEach((name, s) -> used.put(name, s - before.seconds().getOrDefault(name, 0.0)));
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        String parts = used.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.05)
                .map(e -> "%s %.1f s (%.2f ms per subtask)"
                        .formatted(e.getKey(), e.getValue(), e.getValue() * 1000 / subtasks))
                .collect(Collectors.joining(", "));
        return "CPU during %s (wall %.1f s, %d cores = %.1f core-s, %.0f %% used; %.2f CPU-ms per subtask): %s"
                .formatted(
                        label, wall, cores, wall * cores, 100 * total / (wall * cores), total * 1000 / subtasks, parts);
    }

    /**
     * A process's CPU seconds; for PostgreSQL also its live backends and, through the postmaster's
     * cutime/cstime, the backends that have exited.
     */
    private static double seconds(ProcessHandle process, boolean withChildren) {
        double ticks = ticks(process.pid(), withChildren);
        if (withChildren) {
            ticks += process.descendants()
                    .mapToDouble(child -> ticks(child.pid(), false))
                    .sum();
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static double ticks(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[11] utime, f[12] stime, f[13] cutime, f[14] cstime (fields 14-17 of proc(5))
            double ticks = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
            if (withExitedChildren) {
                ticks += Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
