package dev.isolates.cluster;

import java.io.Serializable;

/**
 * The entry of the cluster's "held" map while a member holds a task: claimed in the same transaction
 * that polls the task from the queue, removed in the same transaction that delivers its outcome (or hands the task back).
 * It names the holder and the attempt only: the task's bytes stay with its submitter, which queues them
 * again when the member is lost, and with the member, which hands them back when it stops.
 *
 * @param memberUuid the holding member's Hazelcast uuid
 * @param member the holding member, as {@code uuid@host:port}
 * @param attempt the attempt the member holds, 1 for the first run
 */
record HeldTask(String memberUuid, String member, int attempt) implements Serializable {
}
