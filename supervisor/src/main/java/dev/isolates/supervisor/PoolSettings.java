package dev.isolates.supervisor;

import dev.isolates.IsolateOptions;
import dev.isolates.RestartPolicy;
import java.time.Duration;

/**
 * A pool's settings, as {@link dev.isolates.IsolatePool.Builder} checked them: the one value that
 * crosses from the public builder to {@link Pool}. Start from {@link #of} and name each setting;
 * a null {@code taskTimeout} or {@code healthInterval} turns that off. Immutable.
 */
public record PoolSettings(int size, IsolateOptions options, boolean prestart, int maxTasksPerIsolate,
                           RestartPolicy restart, int maxRestarts, Duration restartPeriod, Duration taskTimeout,
                           int retries, Duration healthInterval, Duration healthTimeout, boolean prefetch) {
    /**
     * A pool of {@code size} isolates started with {@code options}, started on first use, each
     * running any number of tasks, always replaced (at most 20 in 10 s), without timeouts, retries,
     * health checks or prefetch.
     */
    public static PoolSettings of(int size, IsolateOptions options) {
        return new PoolSettings(size, options, false, 0, RestartPolicy.ALWAYS, 20, Duration.ofSeconds(10), null, 0,
                null, null, false);
    }

    /** Whether the isolates start with the pool. */
    public PoolSettings prestart(boolean prestart) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                taskTimeout, retries, healthInterval, healthTimeout, prefetch);
    }

    /** Tasks an isolate runs before it is replaced (0: no limit). */
    public PoolSettings maxTasksPerIsolate(int max) {
        return new PoolSettings(size, options, prestart, max, restart, maxRestarts, restartPeriod,
                taskTimeout, retries, healthInterval, healthTimeout, prefetch);
    }

    /** When an ended isolate is replaced, and at most how many in how long. */
    public PoolSettings restart(RestartPolicy policy, int max, Duration period) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, policy, max, period,
                taskTimeout, retries, healthInterval, healthTimeout, prefetch);
    }

    /** How long a task may run (null: as long as it takes). */
    public PoolSettings taskTimeout(Duration timeout) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                timeout, retries, healthInterval, healthTimeout, prefetch);
    }

    /** Times a task runs again when its isolate dies under it. */
    public PoolSettings retries(int count) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                taskTimeout, count, healthInterval, healthTimeout, prefetch);
    }

    /** How often idle isolates are pinged (null: never), and how long they have to answer. */
    public PoolSettings healthCheck(Duration interval, Duration timeout) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                taskTimeout, retries, interval, timeout, prefetch);
    }

    /** Whether a busy isolate also holds the next task. */
    public PoolSettings prefetch(boolean prefetch) {
        return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                taskTimeout, retries, healthInterval, healthTimeout, prefetch);
    }
}
