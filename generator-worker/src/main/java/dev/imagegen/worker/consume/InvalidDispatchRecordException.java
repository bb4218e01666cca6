package dev.imagegen.worker.consume;

/** A dispatch record that cannot be read; it goes to the dead-letter topic with this message. */
class InvalidDispatchRecordException extends RuntimeException {

    InvalidDispatchRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
