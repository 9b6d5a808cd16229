package dev.isolates.cluster;

import java.io.Serializable;

/**
 * The entry of the cluster's "held" map while a member holds a task: claimed in the same transaction
 * that polls the task from the queue, removed in the same transaction that delivers its outcome (or hands the task back).
 *
 * @param memberUuid the holding member's Hazelcast uuid
 * @param member the holding member, as {@code uuid@host:port}
 * @param task the task, so that a submitter can run it again elsewhere
 */
record HeldTask(String memberUuid, String member, TaskEnvelope task) implements Serializable {
}
