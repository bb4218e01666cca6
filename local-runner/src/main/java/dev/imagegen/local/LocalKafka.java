package dev.imagegen.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;

/** A single-node Kafka broker (KRaft) as its own process, its log directory kept between runs. */
public final class LocalKafka implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalKafka(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker, formatting its storage on first use; on an existing directory it restarts. */
    public static LocalKafka start(Path directory, int port, int controllerPort, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path config = directory.resolve("server.properties");
        Path data = directory.resolve("data");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=4
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data));
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = java(
                    List.of(
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            config.toString()),
                    log);
            if (format.waitFor() != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed; see " + log);
            }
        }
        Process broker = java(List.of("kafka.Kafka", config.toString()), log);
        LocalKafka kafka = new LocalKafka(broker, port);
        kafka.awaitPort(Duration.ofSeconds(60), log);
        return kafka;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    private static Process java(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private void awaitPort(Duration timeout, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka stopped while starting; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Kafka did not open port " + port + " in " + timeout + "; see " + log);
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
