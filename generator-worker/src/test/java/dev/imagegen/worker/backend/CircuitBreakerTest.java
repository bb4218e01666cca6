package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CircuitBreakerTest {

    /** Real time plus a jump the test makes, so waits end and the open time can pass at once. */
    private final AtomicLong jump = new AtomicLong();

    private final CircuitBreaker circuit =
            new CircuitBreaker(3, Duration.ofSeconds(30), () -> System.nanoTime() + jump.get());

    @Test
    void itOpensAfterThresholdFailuresInARowAndAnAnswerInBetweenResetsTheCount() {
        circuit.failed("connection refused");
        circuit.failed("connection refused");
        circuit.succeeded();
        circuit.failed("connection refused");
        circuit.failed("connection refused");
        assertThat(circuit.isOpen()).isFalse();

        circuit.failed("connection refused");

        assertThat(circuit.isOpen()).isTrue();
    }

    @Test
    void itsStateTellsSinceWhenItIsOpenAndTheLatestErrorAndAFailedProbeKeepsTheOpeningTime() throws Exception {
        openIt();
        CircuitBreaker.State opened = circuit.state();
        assertThat(opened.open()).isTrue();
        assertThat(opened.lastError()).isEqualTo("connection refused");

        jump.addAndGet(Duration.ofSeconds(31).toNanos());
        circuit.awaitPermission(Duration.ofMillis(20));
        circuit.failed("HTTP 503");

        assertThat(circuit.state()).isEqualTo(new CircuitBreaker.State(true, opened.since(), "HTTP 503"));
        jump.addAndGet(Duration.ofSeconds(31).toNanos());
        circuit.awaitPermission(Duration.ofMillis(20));
        Thread.sleep(5); // the wall clock moves on, so the closing time differs from the opening time
        circuit.succeeded();
        CircuitBreaker.State closed = circuit.state();
        assertThat(closed.open()).isFalse();
        assertThat(closed.since()).isAfter(opened.since());
    }

    @Test
    void whileOpenACallWaitsAndThenFailsAsTheEndpointBeingDownWithTheTimeLeft() {
        openIt();

        assertThatThrownBy(() -> circuit.awaitPermission(Duration.ofMillis(20)))
                .isInstanceOfSatisfying(
                        EndpointDownException.class,
                        e -> assertThat(e.retryAfter())
                                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(29))))
                .hasMessageContaining("circuit is open");
    }

    @Test
    void afterTheOpenTimeOneProbeGoesAndItsSuccessClosesTheCircuit() throws Exception {
        openIt();
        jump.addAndGet(Duration.ofSeconds(31).toNanos());

        circuit.awaitPermission(Duration.ofMillis(20));
        assertThatThrownBy(() -> circuit.awaitPermission(Duration.ofMillis(20)))
                .isInstanceOf(EndpointDownException.class);
        circuit.succeeded();

        assertThat(circuit.isOpen()).isFalse();
        circuit.awaitPermission(Duration.ofMillis(20));
    }

    @Test
    void anUnreachableEndpointOpensItsCircuitAndTheGaugeShowsIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ImageBackend backend = new ImageBackends(
                        new BackendProperties(Map.of(
                                "default",
                                new BackendProperties.Endpoint(
                                        "a1111",
                                        URI.create("http://127.0.0.1:" + closedPort),
                                        null,
                                        null,
                                        Duration.ofSeconds(2),
                                        Duration.ZERO,
                                        "",
                                        null,
                                        Duration.ofMillis(100),
                                        null,
                                        Duration.ofSeconds(1),
                                        2,
                                        Duration.ofSeconds(1)))),
                        JsonMapper.builder().build(),
                        meters)
                .forMakeApiQueue(null)
                .backend();
        GenerationRequest request = new GenerationRequest("a fox", "", 1, 64, 64, 1);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> backend.generate(request)).hasMessageContaining("backend unreachable");
        }

        double open = meters.get("imagegen.worker.backend.circuit.open")
                .tag("endpoint", "default")
                .gauge()
                .value();
        assertThat(open).isEqualTo(1.0);
        // Held back for the rest of the open time (1 s), then the probe goes and fails again.
        long started = System.nanoTime();
        assertThatThrownBy(() -> backend.generate(request)).hasMessageContaining("backend unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    private void openIt() {
        for (int i = 0; i < 3; i++) {
            circuit.failed("connection refused");
        }
    }
}
