package dev.isolates;

import dev.isolates.supervisor.Pool;
import dev.isolates.supervisor.PoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A fixed number of warm isolates that run many tasks, one task per isolate at a time. An isolate
 * that dies fails only the task it held (with {@link IsolateCrashedException} naming pid, exit code,
 * signal and reason, unless {@code retries} allow running it again) and is replaced; every other
 * task is unaffected. More than {@code maxRestarts} replacements within their period and the pool
 * stops restarting, fails its pending tasks and reports itself failed.
 *
 * <pre>{@code
 * try (IsolatePool pool = IsolatePool.builder()
 *         .size(2)
 *         .taskTimeout(Duration.ofSeconds(30))
 *         .build()) {
 *     CompletableFuture<Integer> length = pool.submit(() -> parse(document).size());
 *     System.out.println(length.get());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class IsolatePool implements AutoCloseable {
    private final Pool pool;

    private IsolatePool(Pool pool) {
        this.pool = pool;
    }

    /** A pool of {@code size} isolates with the default settings. */
    public static IsolatePool create(int size) {
        return builder().size(size).build();
    }

    /** A builder with the defaults: 1 isolate, prestarted, restart ALWAYS, at most 20 restarts in 10 s, no timeout, no retries. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues {@code task} for the next free isolate. The future completes exactly once: with the
     * value, the task's exception (rebuilt as in {@link Isolates#run}), or an
     * {@link IsolateException} saying why there is no value. Cancelling it before it runs removes it
     * from the queue; cancelling it while it runs kills its isolate.
     */
    public <T> CompletableFuture<T> submit(IsolateCallable<T> task) {
        Objects.requireNonNull(task, "task");
        return pool.submit(task);
    }

    /**
     * Queues every task of {@code tasks}, as {@link #submit} would one by one, and returns their
     * futures in the same order; each completes, fails, times out, is retried or cancelled on its
     * own, and an isolate that dies fails or retries only the task it was running. The difference is
     * speed: an isolate takes several of these tasks in one message and holds the next ones in its
     * queue while it runs one, as with {@link Builder#prefetch(boolean) prefetch}, so a task may wait
     * there behind a long one while another isolate is idle. A task that cannot be sent has its own
     * future fail with {@link UnsendableException}; the others still run.
     *
     * <pre>{@code
     * List<CompletableFuture<Integer>> lengths = pool.submitAll(List.of(() -> 1, () -> 2));
     * }</pre>
     *
     * @throws NullPointerException naming the position of a null task; then none is queued
     */
    public <T> List<CompletableFuture<T>> submitAll(List<? extends IsolateCallable<T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i) == null) {
                throw new NullPointerException("task " + i + " of " + tasks.size() + " is null; none was queued");
            }
        }
        return pool.submitAll(tasks);
    }

    /**
     * Applies {@code function} to every input in the pool's isolates and returns the results in
     * input order, like Python's {@code Executor.map}. The inputs go in chunks of {@code chunkSize},
     * each chunk one task (function and inputs sent together; the isolate answers the chunk's results
     * in one message), so many small inputs cost few messages. The future fails once every chunk has
     * ended, with the failure of the first chunk in input order: {@link MapElementException} with the
     * index when the function threw (its cause is what it threw), or the {@link IsolateException} that
     * ended the chunk (crash, timeout, unsendable). Timeouts and retries apply to whole chunks.
     * Cancelling the future cancels the chunks. An empty list gives an empty result at once.
     *
     * <pre>{@code
     * List<Integer> lengths = pool.map(String::length, words, 256).get();
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code chunkSize} is less than 1
     */
    public <A, R> CompletableFuture<List<R>> map(IsolateFunction<A, R> function, List<A> inputs, int chunkSize) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(inputs, "inputs");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        return pool.map(function, inputs, chunkSize);
    }

    /** Isolates alive, tasks queued and running, and counts so far. */
    public PoolStats stats() {
        return pool.stats();
    }

    /** True once the pool gave up restarting isolates; it then fails every task submitted. */
    public boolean isFailed() {
        return pool.isFailed();
    }

    /** Runs the queued tasks to the end, then ends every isolate. Waits for both. */
    @Override
    public void close() {
        pool.close();
    }

    /** Builds an {@link IsolatePool}; checks each value as it is set. Not thread-safe. */
    public static final class Builder {
        private final PoolSettings.Builder settings = PoolSettings.builder();

        private Builder() {
        }

        /** How many isolates run tasks at once; at least 1. */
        public Builder size(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1, was " + size);
            }
            settings.size(size);
            return this;
        }

        /** How each isolate's JVM starts (heap, JVM arguments, classpath...). */
        public Builder options(IsolateOptions options) {
            settings.options(Objects.requireNonNull(options, "options"));
            return this;
        }

        /** Start every isolate when the pool is built (the default), or each on first need. */
        public Builder prestart(boolean prestart) {
            settings.prestart(prestart);
            return this;
        }

        /** Replace an isolate after it ran this many tasks (0, the default: never). Bounds leaks in task code. */
        public Builder maxTasksPerIsolate(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerIsolate must be 0 (unlimited) or more, was " + tasks);
            }
            settings.maxTasksPerIsolate(tasks);
            return this;
        }

        /** When an ended isolate is replaced. */
        public Builder restart(RestartPolicy policy) {
            settings.restart(Objects.requireNonNull(policy, "restart"));
            return this;
        }

        /** More than {@code count} replacements within {@code period} and the pool fails instead of looping. */
        public Builder maxRestarts(int count, Duration period) {
            if (count < 0) {
                throw new IllegalArgumentException("maxRestarts count must be 0 or more, was " + count);
            }
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("maxRestarts period must be positive, was " + period);
            }
            settings.maxRestarts(count, period);
            return this;
        }

        /** Kill and replace the isolate of a task that runs longer; the task fails with {@link IsolateTimeoutException}. */
        public Builder taskTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "taskTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, was " + timeout);
            }
            settings.taskTimeout(timeout);
            return this;
        }

        /** Run a task again this many times when its isolate dies under it (for idempotent tasks; default 0). */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
            }
            settings.retries(retries);
            return this;
        }

        /**
         * Pings idle isolates every {@code interval}; one that has not answered within {@code timeout}
         * is hung and is killed and replaced. Defaults: every 5 s, 10 s to answer.
         */
        public Builder healthCheck(Duration interval, Duration timeout) {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("healthCheck interval and timeout must be positive, were "
                        + interval + " and " + timeout);
            }
            settings.healthCheck(interval, timeout);
            return this;
        }

        /**
         * Whether a busy isolate also holds the next task in its queue (default false). With many
         * short tasks it starts each one at once instead of after a round trip to this JVM; but a
         * task may then wait behind a long one while another isolate is idle. A prefetched task
         * whose isolate dies before starting it is run by another isolate, without counting as a retry;
         * one cancelled while it waits has its isolate replaced when the isolate gets to it.
         * <pre>{@code
         * IsolatePool pool = IsolatePool.builder().size(2).prefetch(true).build();
         * }</pre>
         */
        public Builder prefetch(boolean prefetch) {
            settings.prefetch(prefetch);
            return this;
        }

        /** The pool; its isolates start now when prestarting. */
        public IsolatePool build() {
            return new IsolatePool(new Pool(settings.build()));
        }
    }
}
