package dev.isolates.cluster;

import dev.isolates.IsolateException;

/**
 * A member could not load a class the task needs: the task's classes must be on every member's
 * classpath ({@link ClusterMemberOptions#classpath()}, {@code isolatectl member --classpath}).
 *
 * <p>Immutable; safe to share between threads.
 */
public final class MissingTaskClassException extends IsolateException {
    private final String className;
    private final String member;

    /**
     * @param className the class the member could not load
     * @param member the member, as {@code uuid@host:port}
     * @param taskId the task
     */
    public MissingTaskClassException(String className, String member, String taskId) {
        super("member " + member + " cannot load class " + className + " for task " + taskId
                + "; put it on every member's classpath (ClusterMemberOptions.classpath, isolatectl member --classpath)");
        this.className = className;
        this.member = member;
    }

    /** The class the member could not load. */
    public String className() {
        return className;
    }

    /** The member, as {@code uuid@host:port}. */
    public String member() {
        return member;
    }
}
