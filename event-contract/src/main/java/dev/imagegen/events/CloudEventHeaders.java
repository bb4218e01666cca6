package dev.imagegen.events;

/** CloudEvents Kafka binding header names (binary mode) and the types this system emits. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String SOURCE_DISPATCHER = "/imagegen/dispatcher";
    public static final String CONTENT_TYPE_JSON = "application/json";
    public static final String TYPE_QUEUE_TASK_DISPATCHED = "dev.imagegen.queue_task.dispatched.v1";
    public static final String TYPE_TASK_STATUS_CHANGED = "dev.imagegen.task.status_changed.v1";
    public static final String TYPE_SUBTASK_STATUS_CHANGED = "dev.imagegen.subtask.status_changed.v1";

    private CloudEventHeaders() {}
}
