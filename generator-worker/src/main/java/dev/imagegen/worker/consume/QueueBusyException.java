package dev.imagegen.worker.consume;

/**
 * The record must wait: its queue is full or paused, its attempt is not yet due, or this worker
 * runs all it may. The error handler parks the partition and re-reads the record after a resume.
 *
 * @param signalSeen the queue's resume signal count read before the claim, so a slot freed between
 *     the claim and the pause is not missed
 */
class QueueBusyException extends RuntimeException {

    private final String queueName;
    private final long signalSeen;

    QueueBusyException(String queueName, String reason, long signalSeen) {
        super("queue " + queueName + ": " + reason, null, false, false);
        this.queueName = queueName;
        this.signalSeen = signalSeen;
    }

    String queueName() {
        return queueName;
    }

    long signalSeen() {
        return signalSeen;
    }
}
