package dev.isolates.cluster;

import dev.isolates.IsolateException;

/**
 * A task's member left the cluster (it was killed, cut off or shut down without handing the task back)
 * while it held the task, and the pool had no retry left for it. The task may or may not have run.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class MemberLostException extends IsolateException {
    private final String member;
    private final String taskId;

    /**
     * @param member the lost member, as {@code uuid@host:port}
     * @param taskId the task it held
     * @param attempts how many times the task was given to a member
     */
    public MemberLostException(String member, String taskId, int attempts) {
        super("member " + member + " left the cluster while it held task " + taskId + " (attempt " + attempts
                + "); the task may or may not have run. Give the pool retries(n) to run such tasks again elsewhere.");
        this.member = member;
        this.taskId = taskId;
    }

    /** The lost member, as {@code uuid@host:port}. */
    public String member() {
        return member;
    }

    /** The id of the task it held. */
    public String taskId() {
        return taskId;
    }
}
