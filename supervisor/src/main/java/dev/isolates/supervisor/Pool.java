package dev.isolates.supervisor;

import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.SpawnSpec;
import com.esotericsoftware.kryo.io.Output;
import dev.isolates.IsolateCallable;
import dev.isolates.IsolateException;
import dev.isolates.IsolateFunction;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolateStartException;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.PoolStats;
import dev.isolates.RestartPolicy;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.RunBatch;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link dev.isolates.IsolatePool}: a queue of tasks, a fixed number of
 * worker isolates each running one task at a time, and an Erlang-style supervisor that replaces
 * isolates as the restart policy says and gives up when they end too often.
 *
 * <p>With prefetch, an isolate that runs a task also holds the next one in its queue, so it starts
 * it without waiting for a round trip through this supervisor. That task has not started while its
 * predecessor's answer is missing: when the isolate dies before that answer, the task goes back to
 * the head of the queue, neither failed nor counted as an attempt.
 *
 * <p>Thread-safe: all state is guarded by {@code lock}; isolate events arrive on reader threads.
 */
public final class Pool {
    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /**
     * Starts beyond the pool's size that fail one after another, none succeeding in between, at which
     * the pool stops: every slot of a pool that starts all at once may fail once for one passing
     * cause (a moment of load or full disk) without failing the pool.
     */
    static final int START_FAILURES_BEYOND_SIZE = 2;

    /** The pool's settings, as the builder checked them. */
    public record Settings(int size, IsolateOptions options, boolean prestart, int maxTasksPerIsolate,
                           RestartPolicy restart, int maxRestarts, Duration restartPeriod, Duration taskTimeout,
                           int retries, Duration healthInterval, Duration healthTimeout, boolean prefetch) {
    }

    private final Settings settings;
    private final Session session;
    private final String name;
    private final Object lock = new Object();
    private final Deque<Task<?>> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final Deque<Long> restartTimes = new ArrayDeque<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicInteger workerNames = new AtomicInteger();
    private final ScheduledFuture<?> health;
    private final ThreadLocal<Deque<Runnable>> completions = ThreadLocal.withInitial(ArrayDeque::new);
    private long done;
    private long failed;
    private long restarts;
    /** Starts that failed since the last one that succeeded. */
    private int startFailuresInARow;
    /** Isolates that ended and, as the restart policy said, were not replaced: the pool is that much smaller. */
    private int shrunk;
    private boolean closed;
    private IsolateException failure;

    public Pool(Settings settings) {
        this.settings = settings;
        this.session = Session.get();
        this.name = settings.options().debugName().orElse("pool-" + POOLS.incrementAndGet());
        this.failure = JvmOptionsCheck.failure(); // then every task fails at once, and the pool says it failed
        if (settings.prestart()) {
            synchronized (lock) {
                fill();
            }
        }
        this.health = settings.healthInterval() == null ? null
                : session.scheduleEvery(settings.healthInterval().toMillis(), this::checkHealth);
    }

    /** Queues a task; see {@link dev.isolates.IsolatePool#submit}. */
    public <T> CompletableFuture<T> submit(IsolateCallable<T> callable) {
        byte[] encoded;
        try {
            encoded = encode(callable);
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("task", e));
        }
        Task<T> task = new Task<>(taskIds.incrementAndGet(), encoded, false, this::cancelled);
        synchronized (lock) {
            IsolateException refused = refusal();
            if (refused != null) {
                failed++;
                return CompletableFuture.failedFuture(refused);
            }
            queue.addLast(task);
            fill();
            if (workers.isEmpty()) {
                queue.remove(task);
                fail(task, noIsolateLeft()); // NEVER (or ON_FAILURE) let the pool shrink to nothing
            } else {
                dispatch();
            }
        }
        completeSettled();
        return task.future;
    }

    /**
     * Queues tasks that isolates may take several at a time; see {@link dev.isolates.IsolatePool#submitAll}.
     * The futures are in the order of {@code callables}.
     */
    public <T> List<CompletableFuture<T>> submitAll(List<? extends IsolateCallable<T>> callables) {
        if (callables.isEmpty()) {
            return new ArrayList<>();
        }
        List<CompletableFuture<T>> futures = new ArrayList<>(callables.size());
        List<Task<T>> tasks = new ArrayList<>(callables.size());
        for (IsolateCallable<T> callable : callables) {
            try {
                Task<T> task = new Task<>(taskIds.incrementAndGet(), encode(callable), true, this::cancelled);
                tasks.add(task);
                futures.add(task.future);
            } catch (UnsendableObjectException e) {
                futures.add(CompletableFuture.failedFuture(SendFailures.unsendable("task " + futures.size(), e)));
            }
        }
        synchronized (lock) {
            IsolateException refused = refusal();
            if (refused != null) {
                failed += tasks.size();
                for (Task<T> t : tasks) {
                    t.settled = true;
                    later(t, () -> t.future.completeExceptionally(refused));
                }
            } else {
                queue.addAll(tasks);
                fill();
                if (workers.isEmpty()) {
                    queue.removeAll(tasks);
                    IsolateException none = noIsolateLeft();
                    for (Task<T> t : tasks) {
                        fail(t, none);
                    }
                } else {
                    dispatch();
                }
            }
        }
        completeSettled();
        return futures;
    }

    /** Runs {@code function} over {@code inputs} in chunks; see {@link dev.isolates.IsolatePool#map}. */
    public <A, R> CompletableFuture<List<R>> map(IsolateFunction<A, R> function, List<A> inputs, int chunkSize) {
        return MapCall.start(this, function, inputs, chunkSize);
    }

    /** The task encoded once, whatever isolate runs it; refuses an unsendable task before it is queued. */
    private byte[] encode(IsolateCallable<?> callable) {
        try (Output out = new Output(256, -1)) {
            session.codec().encode(callable, out);
            return out.toBytes();
        }
    }

    /** Why the pool takes no task now, or null. Under lock. */
    private IsolateException refusal() {
        if (failure != null) {
            return failure;
        }
        return closed ? new IsolateException("pool \"" + name + "\" is closed") : null;
    }

    private void cancelled(Task<?> task) {
        synchronized (lock) {
            if (task.settled) {
                return; // it had an outcome already; the cancel lost the race
            }
            task.settled = true;
            failed++;
            if (queue.remove(task)) {
                return;
            }
            for (Worker w : workers) {
                if (w.task == task && w.process != null) {
                    w.cancelled = true;
                    w.ending = true;
                    w.process.kill(); // its isolate may be mid-way through anything: start afresh
                }
                // a prefetched task cannot be taken back from the isolate's queue: it runs, and its answer is dropped
            }
        }
    }

    /** Starts isolates until the pool has its size, unless it may not. Under lock. */
    private void fill() {
        while (workers.size() < settings.size() - shrunk && !closed && failure == null) {
            startWorker();
        }
    }

    private void startWorker() {
        Worker w = new Worker(name + "-" + workerNames.incrementAndGet());
        workers.add(w);
        session.starter().execute(() -> launch(w));
    }

    private void launch(Worker w) {
        IsolateProcess p;
        try {
            p = session.launch(SpawnSpec.of(settings.options()).workerSpec(w.name, RunCall.START_TIMEOUT),
                    settings.options().untrusted(), settings.options().maxMessageSize());
        } catch (WorkerStartException | RuntimeException | Error e) {
            IsolateException cause = Failures.notStarted(w.name, e);
            synchronized (lock) {
                workers.remove(w);
                startFailuresInARow++;
                LOG.warn("pool {}: isolate {} could not start: {}", name, w.name, e.getMessage());
                if (!closed && failure == null) {
                    if (startFailuresInARow >= startFailuresToStop()) {
                        stop(stoppedStarting(cause));
                    } else {
                        replace(w, "could not start: " + e.getMessage(), cause, true);
                    }
                }
                if (workers.isEmpty()) {
                    IsolateException none = failure != null ? failure : cause;
                    while (!queue.isEmpty()) {
                        fail(queue.pollFirst(), none);
                    }
                }
                dispatch();
                lock.notifyAll();
            }
            completeSettled();
            return;
        }
        synchronized (lock) {
            startFailuresInARow = 0;
            w.process = p;
            p.start(w);
            if (closed && queue.isEmpty() || failure != null) {
                p.shutdown();
                return;
            }
            dispatch();
        }
        completeSettled();
    }

    /** Gives queued tasks to idle isolates, then, with prefetch, a next task to busy ones. Under lock. */
    private void dispatch() {
        boolean assigned = true;
        while (assigned) { // again, while some went: a task that fails to go leaves its isolate idle
            assigned = false;
            for (Worker w : workers) {
                if (queue.isEmpty()) {
                    return;
                }
                if (w.takesTasks() && w.task == null) {
                    if (queue.peekFirst().bulk) {
                        assignBatch(w, takeBatch(w));
                    } else {
                        assign(w, queue.pollFirst(), false);
                    }
                    assigned = true;
                }
            }
        }
        for (Worker w : workers) {
            if (queue.isEmpty()) {
                return;
            }
            if (!w.takesTasks() || w.task == null || retireReason(w) != null) {
                continue;
            }
            if (queue.peekFirst().bulk && BatchSize.wantsMore(w.ahead.size())) {
                // bulk tasks were submitted to keep isolates busy: a busy one holds the next batch
                assignBatch(w, takeBatch(w));
            } else if (settings.prefetch() && w.ahead.isEmpty()) {
                assign(w, queue.pollFirst(), true);
            }
        }
    }

    private List<Task<?>> takeBatch(Worker w) {
        return BatchSize.take(queue, takers(), w.tasksLeft(settings.maxTasksPerIsolate()), t -> t.bulk,
                t -> RunBatch.elementLength(t.encoded));
    }

    private int takers() {
        int n = 0;
        for (Worker w : workers) {
            if (w.takesTasks()) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /**
     * Sends several tasks to an isolate in one message: the first runs now if the isolate is idle,
     * the rest wait in its queue, as a prefetched task does. Under lock.
     */
    private void assignBatch(Worker w, List<Task<?>> batch) {
        if (batch.size() == 1) {
            assign(w, batch.get(0), w.task != null);
            return;
        }
        boolean idle = w.task == null;
        long[] ids = new long[batch.size()];
        List<byte[]> bodies = new ArrayList<>(batch.size());
        for (int i = 0; i < ids.length; i++) {
            Task<?> t = batch.get(i);
            ids[i] = t.id;
            bodies.add(t.encoded);
            if (i == 0 && idle) {
                w.task = t;
            } else {
                w.ahead.addLast(t);
            }
            t.attempts++;
        }
        w.tasksRun += ids.length;
        try {
            w.process.forward(MessageKind.RUN_BATCH, 0, RunBatch.encode(ids, bodies));
        } catch (InsufficientSpaceException e) {
            IsolateException full = SendFailures.diskFull("a batch of " + ids.length + " tasks to "
                    + Failures.describe(w.process), e);
            for (Task<?> t : batch) {
                w.unassign(t);
                fail(t, full);
            }
            w.retiring = true;
            w.retireReason = "its queue could not take a task: " + e.getMessage();
            w.process.shutdown();
            return;
        } catch (IOException e) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                Task<?> t = batch.get(i);
                w.unassign(t);
                t.attempts--;
                queue.addFirst(t);
            }
            w.tasksRun -= ids.length;
            w.ending = true;
            w.process.kill(); // its channel is broken: end it for sure, its end starts another
            return;
        }
        if (idle) {
            started(w, w.task);
        }
    }

    /** Why {@code w} takes no task after the ones it holds, or null. Under lock. */
    private String retireReason(Worker w) {
        if (settings.maxTasksPerIsolate() > 0 && w.tasksRun >= settings.maxTasksPerIsolate()) {
            return "it ran " + settings.maxTasksPerIsolate() + " tasks";
        }
        return null;
    }

    /** Sends a task to an isolate: to run now, or {@code ahead}, after the one it runs. */
    private void assign(Worker w, Task<?> task, boolean ahead) {
        if (ahead) {
            w.ahead.addLast(task);
        } else {
            w.task = task;
        }
        w.tasksRun++;
        task.attempts++;
        try {
            w.process.forward(MessageKind.RUN, task.id, java.nio.ByteBuffer.wrap(task.encoded));
        } catch (InsufficientSpaceException e) {
            // Checked before anything was written: the task cannot go. The isolate's queue files hold
            // the space; a replacement starts with empty ones once they are removed.
            w.unassign(task);
            fail(task, SendFailures.diskFull("the task to " + Failures.describe(w.process), e));
            w.retiring = true;
            w.retireReason = "its queue could not take a task: " + e.getMessage();
            if (!ahead) {
                w.process.shutdown(); // else finished() does, once the running task has answered
            }
            return;
        } catch (IOException e) {
            w.unassign(task);
            task.attempts--;
            queue.addFirst(task);
            w.ending = true;
            w.process.kill(); // its channel is broken: end it for sure, its end starts another
            return;
        }
        if (!ahead) {
            started(w, task);
        }
    }

    /** A task has started in its isolate: its timeout runs from now. Under lock. */
    private void started(Worker w, Task<?> task) {
        if (settings.taskTimeout() != null && !task.settled) {
            task.timeout = session.scheduleOnce(settings.taskTimeout().toMillis(), () -> {
                synchronized (lock) {
                    if (w.task == task && !task.settled) {
                        w.timedOut = true;
                        w.ending = true;
                        w.process.kill();
                    }
                }
            });
        }
    }

    private void finished(Worker w, Task<?> task) {
        if (task.timeout != null) {
            task.timeout.cancel(false);
        }
        w.task = null;
        // An isolate being killed as its answer came keeps its prefetched tasks in w.ahead: ended() queues them again.
        if (!w.ending && !w.ahead.isEmpty()) {
            w.task = w.ahead.pollFirst(); // the isolate starts its next task as soon as it has answered
            if (w.task.settled) {
                // cancelled while it waited in the isolate's queue: it cannot be taken back, and
                // left to run it might never end, so the isolate is replaced, as for a running task
                w.cancelled = true;
                w.ending = true;
                w.process.kill();
            } else {
                started(w, w.task);
            }
        } else if (!w.ending) {
            String reason = w.retiring ? w.retireReason : retireReason(w);
            if (reason != null) {
                w.retiring = true;
                w.retireReason = reason;
                w.process.shutdown();
            }
        }
        dispatch();
        lock.notifyAll();
    }

    /** An isolate has ended: fail or retry its task, then replace it as the policy says. */
    private void ended(Worker w, IsolateProcess p, IsolateExit exit) {
        synchronized (lock) {
            workers.remove(w);
            Task<?> task = w.task;
            w.task = null;
            while (!w.ahead.isEmpty()) {
                Task<?> ahead = w.ahead.pollLast(); // from the last, so that they keep their order at the head
                if (ahead.settled) {
                    continue;
                }
                if (failure != null) {
                    fail(ahead, failure);
                } else {
                    ahead.attempts--; // it never started: back to the head of the queue, behind a retry
                    queue.addFirst(ahead);
                }
            }
            boolean planned = w.retiring || w.cancelled; // the pool's or the caller's doing, not a failure
            boolean abnormal = !planned && !(closed && ExitClassifier.isNormal(exit.reason()));
            if (task != null && !task.settled) {
                if (task.timeout != null) {
                    task.timeout.cancel(false);
                }
                if (w.timedOut) {
                    fail(task, new IsolateTimeoutException(p.debugName(), p.pid(), settings.taskTimeout()));
                } else if (failure != null) {
                    fail(task, failure);
                } else if (task.attempts <= settings.retries()) {
                    LOG.info("pool {}: retrying task {} after isolate {} died: {}", name, task.id, p.debugName(),
                            exit.reason());
                    queue.addFirst(task);
                } else {
                    fail(task, Failures.crashed(p, exit));
                }
            }
            if (!closed && failure == null) {
                // an isolate the pool retired is replaced whatever the policy: the pool's own doing
                boolean wanted = w.cancelled || w.retiring || switch (settings.restart()) {
                    case ALWAYS -> true;
                    case ON_FAILURE -> abnormal;
                    case NEVER -> false;
                };
                if (wanted) {
                    String why = w.hung ? "did not answer pings for " + settings.healthTimeout().toMillis() + " ms"
                            : w.timedOut ? "its task timed out"
                            : w.retiring ? w.retireReason
                            : w.cancelled ? "its task was cancelled" : exit.reason();
                    // a planned end is not a failure: it does not count towards maxRestarts
                    replace(w, why, null, !planned);
                } else {
                    shrunk++;
                }
            }
            if (workers.isEmpty() && !queue.isEmpty()) {
                IsolateException none = failure != null ? failure : noIsolateLeft();
                while (!queue.isEmpty()) {
                    fail(queue.pollFirst(), none);
                }
            }
            dispatch();
            lock.notifyAll();
        }
        completeSettled();
    }

    private IsolateException noIsolateLeft() {
        return new IsolateException("pool \"" + name + "\" has no isolate left (restart policy "
                + settings.restart() + "): its isolates ended and were not replaced");
    }

    /**
     * Starts a replacement, unless isolates ended too often ({@code counted} replacements only): then
     * the pool fails. Under lock.
     */
    private void replace(Worker gone, String why, IsolateException cause, boolean counted) {
        if (counted) {
            long now = System.nanoTime();
            restartTimes.addLast(now);
            while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > settings.restartPeriod().toNanos()) {
                restartTimes.pollFirst();
            }
            if (restartTimes.size() > settings.maxRestarts()) {
                giveUp(gone, why, cause);
                return;
            }
        }
        restarts++;
        LOG.info("pool {}: replacing isolate {} ({})", name, gone.name, why);
        startWorker();
    }

    private void giveUp(Worker gone, String why, IsolateException cause) {
        String message = String.format(Locale.ROOT, "pool \"%s\" stopped restarting isolates: more than %d ended "
                        + "within %d ms (maxRestarts(%d, %s)); the last, %s, %s. Fix what makes them end, or allow more "
                        + "with IsolatePool.builder().maxRestarts(...)", name, settings.maxRestarts(),
                settings.restartPeriod().toMillis(), settings.maxRestarts(), settings.restartPeriod(), gone.name, why);
        LOG.error(message);
        stop(new IsolateException(message, cause));
    }

    /** Starts that fail in a row, none succeeding in between, at which the pool stops. */
    private int startFailuresToStop() {
        return settings.size() + START_FAILURES_BEYOND_SIZE;
    }

    /** The failure of a pool whose last {@link #startFailuresToStop} starts failed, the last with {@code last}. */
    private IsolateException stoppedStarting(IsolateException last) {
        String message = "pool \"" + name + "\" stopped starting isolates: the last " + startFailuresToStop()
                + " could not start, none in between did. The last: " + last.getMessage();
        LOG.error(message);
        if (last instanceof IsolateStartException start) {
            return new IsolateStartException(message, start.command(), start.output(), start);
        }
        return new IsolateException(message, last);
    }

    /** Fails every task, queued or running, with {@code why}, ends every isolate, and stays failed. Under lock. */
    private void stop(IsolateException why) {
        failure = why;
        while (!queue.isEmpty()) {
            fail(queue.pollFirst(), failure);
        }
        for (Worker w : workers) {
            if (w.task != null) {
                fail(w.task, failure);
            }
            for (Task<?> ahead : w.ahead) {
                fail(ahead, failure);
            }
            if (w.process != null) {
                w.ending = true;
                w.process.kill();
            }
        }
    }

    /** Settles a task as failed: counted now, under the lock; its future completes once the lock is released. */
    private void fail(Task<?> task, Throwable e) {
        if (!task.settled && !task.future.isDone()) {
            task.settled = true;
            failed++;
            later(task, () -> task.future.completeExceptionally(e));
        }
    }

    /**
     * Futures complete outside the pool's lock: their callbacks are the callers' code, which may
     * submit, wait or close, and must not run while the pool holds its lock.
     */
    private void later(Task<?> task, Runnable completion) {
        completions.get().addLast(() -> {
            // A future with dependents completes on another thread: a callback that waits for a task
            // this very reader thread must answer would wait for ever. Without any (a caller
            // spinning in get()), it completes here, at once.
            if (task.future.getNumberOfDependents() == 0) {
                completion.run();
            } else {
                session.completer().execute(completion);
            }
        });
    }

    /** Runs the completions this thread settled under the lock. Called right after each locked section. */
    private void completeSettled() {
        Deque<Runnable> pending = completions.get();
        Runnable r;
        while ((r = pending.pollFirst()) != null) {
            r.run();
        }
    }

    /** Pings idle isolates; one that has not answered the last ping in time is hung and killed. */
    private void checkHealth() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (Worker w : workers) {
                IsolateProcess p = w.process;
                if (p == null || w.task != null || w.ending || w.retiring) {
                    w.pingSent = 0;
                    continue;
                }
                if (w.pingSent != 0) {
                    if (now - w.pingSent > settings.healthTimeout().toNanos()) {
                        LOG.warn("pool {}: isolate {} (pid {}) did not answer a ping within {} ms; replacing it", name,
                                w.name, p.pid(), settings.healthTimeout().toMillis());
                        w.hung = true;
                        w.ending = true;
                        p.kill();
                    }
                    continue;
                }
                long sent = now;
                w.pingSent = sent;
                p.ping().thenRun(() -> {
                    synchronized (lock) {
                        if (w.pingSent == sent) {
                            w.pingSent = 0;
                        }
                    }
                });
            }
        }
    }

    /** See {@link dev.isolates.IsolatePool#stats()}. */
    public PoolStats stats() {
        synchronized (lock) {
            int alive = 0;
            int running = 0;
            int prefetched = 0;
            for (Worker w : workers) {
                prefetched += w.ahead.size();
                if (w.process != null && w.process.isAlive()) {
                    alive++;
                }
                if (w.task != null) {
                    running++;
                }
            }
            return new PoolStats(alive, queue.size() + prefetched, running, done, failed, restarts);
        }
    }

    public boolean isFailed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    /** Runs what is queued, then ends every isolate and waits for them. */
    public void close() {
        synchronized (lock) {
            closed = true;
            try {
                while (failure == null && !workers.isEmpty() && (!queue.isEmpty() || anyRunning())) {
                    lock.wait(100);
                }
                if (health != null) {
                    health.cancel(false);
                }
                for (Worker w : workers) {
                    w.ending = true;
                    if (w.process != null) {
                        w.process.shutdown();
                    }
                }
                while (!workers.isEmpty()) {
                    lock.wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Worker w : workers) {
                    if (w.process != null) {
                        w.process.kill();
                    }
                }
            }
        }
    }

    private boolean anyRunning() {
        for (Worker w : workers) {
            if (w.task != null) {
                return true;
            }
        }
        return false;
    }

    /** One task and its future. */
    private static final class Task<T> {
        final long id;
        final byte[] encoded;
        /** Submitted in bulk: an isolate may take it with others, in one message, ahead of need. */
        final boolean bulk;
        final SpinningFuture<T> future;
        /** Its outcome is decided (its future may complete a moment later); guarded by the pool's lock. */
        boolean settled;
        int attempts;
        ScheduledFuture<?> timeout;

        Task(long id, byte[] encoded, boolean bulk, java.util.function.Consumer<Task<?>> onCancel) {
            this.id = id;
            this.encoded = encoded;
            this.bulk = bulk;
            this.future = new SpinningFuture<>(() -> onCancel.accept(this));
        }
    }

    /** One isolate of the pool and the task it runs. Its fields are guarded by the pool's lock. */
    private final class Worker implements IsolateListener {
        final String name;
        IsolateProcess process;
        /** The task it runs. */
        Task<?> task;
        /** The tasks waiting in its queue behind {@code task}, in order: one with prefetch, batches in bulk. */
        final Deque<Task<?>> ahead = new ArrayDeque<>();
        int tasksRun;
        boolean retiring;
        String retireReason;
        boolean ending;
        /** Killed because the caller cancelled its task: replaced, and not counted as a failure. */
        boolean cancelled;
        boolean timedOut;
        boolean hung;
        long pingSent;

        Worker(String name) {
            this.name = name;
        }

        boolean takesTasks() {
            return process != null && !retiring && !ending;
        }

        void unassign(Task<?> t) {
            if (task == t) {
                task = null;
            } else {
                ahead.remove(t);
            }
        }

        /** How many more tasks it may take before it retires, given the pool's maximum (0: unlimited). */
        int tasksLeft(int maxTasksPerIsolate) {
            return maxTasksPerIsolate > 0 ? Math.max(1, maxTasksPerIsolate - tasksRun) : Integer.MAX_VALUE;
        }

        @Override
        public void onMessage(IsolateProcess isolate, Inbound message) {
            if (message.kind() != MessageKind.RESULT && message.kind() != MessageKind.FAILURE
                    && message.kind() != MessageKind.UNSENDABLE) {
                isolate.release(message);
                return;
            }
            Task<?> current;
            synchronized (lock) {
                current = task;
            }
            if (current == null || current.id != message.correlation()) {
                isolate.release(message); // an answer to a task already failed (cancelled)
                return;
            }
            Object body;
            try {
                body = isolate.decode(message);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    fail(current, new IsolateException("the answer of isolate \"" + isolate.debugName() + "\" (pid "
                            + isolate.pid() + ") could not be read here: " + e, e));
                    if (e instanceof UnreadableMessageException u && u.endsIsolate()) {
                        // the isolate is being killed: replace it, and give it no other task meanwhile
                        retiring = true;
                        ending = true;
                        retireReason = "its answer could not be read: " + u.getMessage();
                    }
                    finished(this, current);
                }
                completeSettled();
                return;
            }
            synchronized (lock) {
                complete(current, message.kind(), body);
                finished(this, current);
            }
            completeSettled();
        }

        @SuppressWarnings("unchecked")
        private <T> void complete(Task<T> t, MessageKind kind, Object body) {
            if (kind == MessageKind.RESULT) {
                if (!t.settled && !t.future.isDone()) {
                    t.settled = true;
                    done++;
                    later(t, () -> t.future.complete((T) body));
                }
            } else if (body instanceof UnsendableReport report) {
                fail(t, SendFailures.unsendable(report));
            } else {
                fail(t, process.rebuild((RemoteFailure) body));
            }
        }

        @Override
        public void onExit(IsolateProcess isolate, IsolateExit exit) {
            ended(this, isolate, exit);
        }
    }
}
