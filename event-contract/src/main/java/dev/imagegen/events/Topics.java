package dev.imagegen.events;

/** Kafka topic names of the contract. */
public final class Topics {

    /** Prefix of the dispatch topics, one per queue: {@code imagegen.queue.<queue name>}. */
    public static final String DISPATCH_PREFIX = "imagegen.queue.";

    /** Pattern that matches every dispatch topic (and not the dead-letter topic). */
    public static final String DISPATCH_PATTERN = "imagegen\\.queue\\.(?!dlt$)[a-z0-9_]+";

    /** Dispatch records that could not be read, with the reason in headers. */
    public static final String DISPATCH_DEAD_LETTER = "imagegen.queue.dlt";

    /** Change events the dispatcher could not turn into contract records, with the reason in headers. */
    public static final String DISPATCHER_DEAD_LETTER = "imagegen.dispatcher.dlt";

    /** Task and subtask status changes, key = task id. */
    public static final String TASK_EVENTS = "imagegen.task-events";

    private Topics() {}

    /** The dispatch topic of a queue. */
    public static String dispatchTopic(String queueName) {
        return DISPATCH_PREFIX + queueName;
    }
}
