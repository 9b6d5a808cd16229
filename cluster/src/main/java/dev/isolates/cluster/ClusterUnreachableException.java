package dev.isolates.cluster;

import dev.isolates.IsolateException;
import java.time.Duration;

/**
 * The submitter lost every member of the cluster and could not reach one again within its
 * {@link ClusterPool.Builder#lostClusterTimeout(Duration) lost-cluster timeout}, or the pool was closed
 * with the task pending. The task may or may not have run.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ClusterUnreachableException extends IsolateException {
    private final String taskId;

    /**
     * @param taskId the pending task
     * @param reason what happened, for people
     */
    public ClusterUnreachableException(String taskId, String reason) {
        super("task " + taskId + " did not finish: " + reason);
        this.taskId = taskId;
    }

    /** The id of the task that did not finish. */
    public String taskId() {
        return taskId;
    }
}
