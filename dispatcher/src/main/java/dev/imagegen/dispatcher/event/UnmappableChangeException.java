package dev.imagegen.dispatcher.event;

/** A change event that cannot become a contract record; it goes to the dead-letter topic. */
class UnmappableChangeException extends RuntimeException {

    UnmappableChangeException(String message) {
        super(message);
    }

    UnmappableChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
