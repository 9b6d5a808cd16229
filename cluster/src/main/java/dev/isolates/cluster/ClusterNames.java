package dev.isolates.cluster;

/** The names of the distributed structures members and submitters share; one place, both sides. */
final class ClusterNames {
    /** The queue of tasks no member has claimed yet. */
    static final String TASKS = "isolates.tasks";
    /** Task id to {@link HeldTask}, while a member holds the task. */
    static final String HELD = "isolates.held";
    /** Member uuid to its last {@link MemberStats}. */
    static final String MEMBER_STATS = "isolates.member-stats";

    private ClusterNames() {
    }

    /**
     * The map of one submitter's {@link TaskOutcome}s, by task id: read and deleted by the submitter
     * (idempotent, unlike a queue poll, whose item is gone when its answer is lost with a member).
     */
    static String results(String submitter) {
        return "isolates.results." + submitter;
    }
}
