package dev.imagegen.worker.polish;

/** Rewrites a prompt the way a prompt engineer would, before it goes to the backend. */
public interface PromptPolisher {

    /** The polished prompt; throws {@link dev.imagegen.worker.backend.BackendException} on failure. */
    String polish(String prompt) throws InterruptedException;

    /** Recorded in the result next to the polished prompt, such as "builtin" or the chat model's name. */
    String name();
}
