package dev.imagegen.testservers;

/** A running Kafka broker (KRaft). */
public interface KafkaServer extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    @Override
    void close();
}
