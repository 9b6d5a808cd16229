package dev.isolates.cluster;

import java.util.List;

/**
 * A snapshot of the cluster as a {@link ClusterPool} sees it.
 *
 * @param waiting tasks in the cluster's queue that no member has claimed yet (all submitters')
 * @param members the last report of each member in the cluster, in member order
 */
public record ClusterStats(int waiting, List<MemberStats> members) {
    /** Copies {@code members}. */
    public ClusterStats {
        members = List.copyOf(members);
    }
}
