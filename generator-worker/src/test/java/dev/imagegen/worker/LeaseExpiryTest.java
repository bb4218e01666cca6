package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeaseExpiryTest {

    @Test
    void aWorkerKilledMidGenerationLosesItsLeaseAndAnotherWorkerCompletesTheSubtask() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("lease_expiry", 2)) {
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();

            // The doomed worker runs in its own JVM so that it can really be killed.
            Process doomed = startWorkerProcess(
                    bed,
                    Map.of(
                            "imagegen.worker.id", "worker-doomed",
                            "imagegen.worker.group-id", "doomed-" + bed.queueName,
                            "imagegen.worker.backends.default.latency", "1h",
                            "imagegen.worker.lease", "1500ms",
                            "imagegen.worker.lease-renewal", "300ms"));
            try {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> bed.count(
                                        "SELECT count(*) FROM queue_tasks WHERE worker_id = 'worker-doomed' AND status = 'processing'")
                                == 1);
            } finally {
                doomed.destroyForcibly().waitFor();
            }

            bed.startWorker("worker-b");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId)
                            == 1);

            assertThat(bed.count("SELECT retry_count FROM subtasks WHERE task_id = ?", taskId))
                    .isEqualTo(1);
            assertThat(bed.jdbc.sql("""
                            SELECT attempt || ' ' || status || ' ' || worker_id || ' ' || coalesce(error, '-')
                              FROM queue_tasks WHERE task_id = ? ORDER BY id
                            """).param(taskId).query(String.class).list())
                    .containsExactly(
                            "1 failed worker-doomed lease expired on worker worker-doomed", "2 completed worker-b -");
            assertThat(bed.count("SELECT count(*) FROM task_logs WHERE task_id = ? AND message = 'rescued'", taskId))
                    .isEqualTo(1);
            assertThat(bed.count("SELECT count(*) FROM check_task_progress_consistency()"))
                    .isZero();
            assertThat(bed.count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                    .isZero();
        }
    }

    private static Process startWorkerProcess(WorkerTestBed bed, Map<String, String> properties) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                GeneratorWorkerApplication.class.getName()));
        bed.workerArguments(properties).forEach(command::add);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/lease-expiry-doomed-worker.log"))
                .start();
    }
}
