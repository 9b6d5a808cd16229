/**
 * The pool over a Hazelcast cluster of supervisors: {@link dev.isolates.cluster.ClusterMember} joins a
 * cluster and runs tasks in its own isolates; {@link dev.isolates.cluster.ClusterPool} submits tasks to
 * whichever member has a free isolate. See docs/cluster.md for the failure semantics.
 */
package dev.isolates.cluster;
