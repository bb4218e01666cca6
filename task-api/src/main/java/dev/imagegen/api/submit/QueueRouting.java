package dev.imagegen.api.submit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which queue a new task goes to ({@code imagegen.api.routing.*}): a task with a lumina tag goes to
 * the lumina queue; else a priority at or above the threshold goes to the high-priority queue; else
 * the standard queue.
 *
 * @param luminaQueue queue for tasks with a lumina tag (default lumina_tasks)
 * @param highPriorityQueue queue for urgent tasks (default high_priority_tasks)
 * @param highPriorityThreshold smallest priority counted as urgent (default 3)
 * @param standardQueue queue for everything else (default standard_tasks)
 */
@ConfigurationProperties("imagegen.api.routing")
record QueueRouting(
        @DefaultValue("lumina_tasks") String luminaQueue,
        @DefaultValue("high_priority_tasks") String highPriorityQueue,
        @DefaultValue("3") int highPriorityThreshold,
        @DefaultValue("standard_tasks") String standardQueue) {

    String queueFor(TaskSubmission submission) {
        if (submission.hasLuminaTag()) {
            return luminaQueue;
        }
        return submission.priority() >= highPriorityThreshold ? highPriorityQueue : standardQueue;
    }
}
