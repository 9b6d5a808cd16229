package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.RestartPolicy;

/**
 * Whether a pool replaces an isolate that ended or could not start, as an Erlang supervisor
 * decides: as the restart policy says, unless isolates end too often ({@link RestartIntensity}) or
 * starts keep failing ({@link StartFailures}); then the pool stops. An end the pool or the caller
 * planned ({@link WorkerSlot#planned()}) is replaced whatever the policy, and not counted.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class Replacements {
    /** What the pool does. */
    enum Kind { REPLACE, SHRINK, STOP }

    /** What the pool does; {@code failure}, for STOP, is what it fails with. */
    record Verdict(Kind kind, IsolateException failure) {
        static final Verdict REPLACE = new Verdict(Kind.REPLACE, null);
        static final Verdict SHRINK = new Verdict(Kind.SHRINK, null);
    }

    private final String pool;
    private final RestartPolicy policy;
    private final RestartIntensity intensity;
    private final StartFailures starts;

    Replacements(String pool, RestartPolicy policy, RestartIntensity intensity, StartFailures starts) {
        this.pool = pool;
        this.policy = policy;
        this.intensity = intensity;
        this.starts = starts;
    }

    /** An isolate started. */
    void started() {
        starts.succeeded();
    }

    /** Isolate {@code isolate} could not start, {@code why} in words, with {@code cause}, at {@code nowNanos}. */
    Verdict notStarted(String isolate, String why, IsolateException cause, long nowNanos) {
        if (starts.failed()) {
            return new Verdict(Kind.STOP, starts.stopped(pool, cause));
        }
        return counted(isolate, why, cause, nowNanos);
    }

    /** {@code w}'s isolate ended, for {@code why} in words, at {@code nowNanos}. */
    Verdict ended(WorkerSlot w, String why, long nowNanos) {
        if (w.planned()) {
            return Verdict.REPLACE;
        }
        return policy == RestartPolicy.NEVER ? Verdict.SHRINK : counted(w.name, why, null, nowNanos);
    }

    private Verdict counted(String isolate, String why, IsolateException cause, long nowNanos) {
        return intensity.allows(nowNanos) ? Verdict.REPLACE
                : new Verdict(Kind.STOP, intensity.exceeded(pool, isolate, why, cause));
    }
}
