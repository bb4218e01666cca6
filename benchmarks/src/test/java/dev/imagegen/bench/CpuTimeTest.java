package dev.imagegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void theCpuAProcessBurnsIsCountedAndSharedOutPerSubtask() {
        CpuTime cpu = new CpuTime(Map::of);
        CpuTime.Sample before = cpu.sample();
        // 300 ms of this thread's own CPU time, however busy the machine is.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        CpuTime.Sample after = cpu.sample();

        assertThat(spins).isPositive();
        double burnt = after.seconds().get("bench JVM") - before.seconds().get("bench JVM");
        assertThat(burnt).isGreaterThanOrEqualTo(0.28);
        assertThat(CpuTime.between("a spin", before, after, 1000))
                .startsWith("CPU during a spin (wall ")
                .contains("bench JVM ")
                .contains("ms per subtask");
    }
}
