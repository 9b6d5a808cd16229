package dev.isolates.cluster;

import java.io.Serializable;

/**
 * A task as it waits in the cluster's queue: its Kryo bytes and who submitted it.
 *
 * @param taskId unique over the cluster
 * @param submitter the submitting pool's id, which names its result map
 * @param attempt 1 for the first run, more for a retry after a member was lost
 * @param taskClass the task's class name on the submitter, for errors
 * @param body the task, as the project's Kryo bytes
 */
record TaskEnvelope(String taskId, String submitter, int attempt, String taskClass, byte[] body)
        implements Serializable {
    /** The same task as another attempt. */
    TaskEnvelope withAttempt(int attempt) {
        return new TaskEnvelope(taskId, submitter, attempt, taskClass, body);
    }
}
