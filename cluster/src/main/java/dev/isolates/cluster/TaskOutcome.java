package dev.isolates.cluster;

import java.io.Serializable;

/**
 * How a task ended on a member, on its way to the submitter's result map.
 *
 * @param taskId the task
 * @param kind what {@code body} holds
 * @param body the value's Kryo bytes ({@code VALUE}), a {@code RemoteFailure}'s Kryo bytes ({@code FAILURE}),
 *             or the missing class's name in UTF-8 ({@code MISSING_CLASS})
 * @param member the member that ran it, as {@code uuid@host:port}
 */
record TaskOutcome(String taskId, Kind kind, byte[] body, String member) implements Serializable {
    enum Kind { VALUE, FAILURE, MISSING_CLASS }
}
