package dev.isolates.supervisor;

import dev.isolates.IsolateOptions;
import dev.isolates.RestartPolicy;
import java.time.Duration;

/**
 * A pool's settings, as {@link dev.isolates.IsolatePool.Builder} checked them: the one value that
 * crosses from the public builder to {@link Pool}. Made with {@link #builder}, each setting by name;
 * a null {@code taskTimeout} or {@code healthInterval} turns that off. Immutable.
 */
public record PoolSettings(int size, IsolateOptions options, boolean prestart, int maxTasksPerIsolate,
                           RestartPolicy restart, int maxRestarts, Duration restartPeriod, Duration taskTimeout,
                           int retries, Duration healthInterval, Duration healthTimeout, boolean prefetch) {
    /**
     * Settings named one by one; unless set: one isolate with default options, started with the
     * pool, running any number of tasks, always replaced (at most 20 within 10 s), without task
     * timeout or retries, pinged every 5 s with 10 s to answer, without prefetch.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Holds the settings as they are named: each method sets the {@link PoolSettings} component of its
     * name. Checks nothing ({@link dev.isolates.IsolatePool.Builder} does). Not thread-safe.
     */
    public static final class Builder {
        private int size = 1;
        private IsolateOptions options = IsolateOptions.defaults();
        private boolean prestart = true;
        private int maxTasksPerIsolate;
        private RestartPolicy restart = RestartPolicy.ALWAYS;
        private int maxRestarts = 20;
        private Duration restartPeriod = Duration.ofSeconds(10);
        private Duration taskTimeout;
        private int retries;
        private Duration healthInterval = Duration.ofSeconds(5);
        private Duration healthTimeout = Duration.ofSeconds(10);
        private boolean prefetch;

        private Builder() {
        }

        public void size(int size) {
            this.size = size;
        }

        public void options(IsolateOptions options) {
            this.options = options;
        }

        public void prestart(boolean prestart) {
            this.prestart = prestart;
        }

        public void maxTasksPerIsolate(int max) {
            this.maxTasksPerIsolate = max;
        }

        public void restart(RestartPolicy policy) {
            this.restart = policy;
        }

        public void maxRestarts(int count, Duration period) {
            this.maxRestarts = count;
            this.restartPeriod = period;
        }

        public void taskTimeout(Duration timeout) {
            this.taskTimeout = timeout;
        }

        public void retries(int count) {
            this.retries = count;
        }

        public void healthCheck(Duration interval, Duration timeout) {
            this.healthInterval = interval;
            this.healthTimeout = timeout;
        }

        public void prefetch(boolean prefetch) {
            this.prefetch = prefetch;
        }

        public PoolSettings build() {
            return new PoolSettings(size, options, prestart, maxTasksPerIsolate, restart, maxRestarts, restartPeriod,
                    taskTimeout, retries, healthInterval, healthTimeout, prefetch);
        }
    }
}
