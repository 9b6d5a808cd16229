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

    /**
     * A pool of {@code size} isolates with the default settings.
     *
     * @param size how many isolates run tasks at once; at least 1
     * @return the pool, its isolates starting; close it when done
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public static IsolatePool create(int size) {
        return builder().size(size).build();
    }

    /**
     * A builder with the defaults: 1 isolate, prestarted, restart ALWAYS, at most 20 restarts in 10 s, no timeout, no retries.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues {@code task} for the next free isolate. The future completes exactly once: with the
     * value, the task's exception (rebuilt as in {@link Isolates#run}), or an
     * {@link IsolateException} saying why there is no value. Cancelling it before it runs removes it
     * from the queue; cancelling it while it runs kills its isolate.
     *
     * @param <T>  the result type
     * @param task what to run; it and all it captures are copied to an isolate, so must be sendable
     * @return the task's future; an unsendable task, or one given to a failed or closed pool, has it
     *         failed at once
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
     * @param <T>   the result type
     * @param tasks the tasks, each copied to an isolate; none may be null
     * @return one future per task, in the order of {@code tasks}
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
     * @param <A>       the input type
     * @param <R>       the result type
     * @param function  what to apply; it and all it captures are copied to the isolates
     * @param inputs    the inputs, each copied to an isolate; may hold null
     * @param chunkSize how many inputs go in one task; at least 1
     * @return the results, one per input in input order, once every chunk has ended; or the first
     *         chunk's failure
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

    /**
     * Isolates alive, tasks queued and running, and counts so far.
     *
     * @return a snapshot taken now; it does not change afterwards
     */
    public PoolStats stats() {
        return pool.stats();
    }

    /**
     * True once the pool gave up restarting isolates; it then fails every task submitted.
     *
     * @return whether the pool has failed; it does not recover
     */
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

        /**
         * How many isolates run tasks at once; at least 1.
         *
         * @param size the number of isolates (default 1)
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is less than 1
         */
        public Builder size(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1, was " + size);
            }
            settings.size(size);
            return this;
        }

        /**
         * How each isolate's JVM starts (heap, JVM arguments, classpath...).
         *
         * @param options the options for every isolate; a debug name becomes the pool's name
         * @return this builder
         */
        public Builder options(IsolateOptions options) {
            settings.options(Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Start every isolate when the pool is built (the default), or each on first need.
         *
         * @param prestart true to start them all in {@link #build()}, false to start each when a task
         *                 first needs it
         * @return this builder
         */
        public Builder prestart(boolean prestart) {
            settings.prestart(prestart);
            return this;
        }

        /**
         * Replace an isolate after it ran this many tasks (0, the default: never). Bounds leaks in task code.
         *
         * @param tasks tasks per isolate, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code tasks} is negative
         */
        public Builder maxTasksPerIsolate(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerIsolate must be 0 (unlimited) or more, was " + tasks);
            }
            settings.maxTasksPerIsolate(tasks);
            return this;
        }

        /**
         * When an ended isolate is replaced.
         *
         * @param policy the restart policy (default {@link RestartPolicy#ALWAYS}); not null
         * @return this builder
         */
        public Builder restart(RestartPolicy policy) {
            settings.restart(Objects.requireNonNull(policy, "restart"));
            return this;
        }

        /**
         * More than {@code count} replacements within {@code period} and the pool fails instead of looping.
         *
         * @param count  replacements allowed within any {@code period}, 0 or more (default 20)
         * @param period the window, ending at each replacement, they are counted in; positive (default 10 s)
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is negative or {@code period} is not positive
         */
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

        /**
         * Kill and replace the isolate of a task that runs longer; the task fails with {@link IsolateTimeoutException}.
         *
         * @param timeout the most time one task may run, from when its isolate starts it; positive
         *                (default: no limit)
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder taskTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "taskTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, was " + timeout);
            }
            settings.taskTimeout(timeout);
            return this;
        }

        /**
         * Run a task again this many times when its isolate dies under it (for idempotent tasks; default 0).
         *
         * @param retries further runs per task after the first, 0 or more; a task that throws is not retried
         * @return this builder
         * @throws IllegalArgumentException if {@code retries} is negative
         */
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
         *
         * @param interval the time between pings; positive
         * @param timeout  the time an isolate has to answer one; positive
         * @return this builder
         * @throws IllegalArgumentException if either is not positive
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
         *
         * @param prefetch true to let a busy isolate hold its next task, false to send each task only to
         *                 an idle isolate
         * @return this builder
         */
        public Builder prefetch(boolean prefetch) {
            settings.prefetch(prefetch);
            return this;
        }

        /**
         * The pool; its isolates start now when prestarting.
         *
         * @return a new pool; close it when done
         */
        public IsolatePool build() {
            return new IsolatePool(new Pool(settings.build()));
        }
    }
}
