package dev.imagegen.testservers;

import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka 4.2 (KRaft) in a container. */
final class ContainerKafka implements KafkaServer {

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container =
                new KafkaContainer("apache/kafka:4.2.1").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
