package dev.imagegen.dispatcher.event;

/** Kafka did not answer or refused; the batch is published again after a pause. */
class KafkaUnavailableException extends Exception {

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
