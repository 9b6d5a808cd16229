package dev.isolates.cluster;

import java.io.Serializable;

/**
 * What one member reported last (members publish every second): its isolates alive, tasks it holds
 * but has not started ({@code queued}), tasks running, and tasks it finished with a value ({@code done})
 * or a failure ({@code failed}) since it started.
 *
 * @param member the member, as {@code uuid@host:port}
 * @param alive isolates alive in its local pool
 * @param queued tasks it claimed that wait for an isolate
 * @param running tasks running in its isolates
 * @param done tasks that ended with a value
 * @param failed tasks that ended with a failure
 */
public record MemberStats(String member, int alive, int queued, int running, long done, long failed)
        implements Serializable {
}
