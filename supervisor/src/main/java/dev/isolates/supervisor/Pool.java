package dev.isolates.supervisor;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateFunction;
import dev.isolates.PoolStats;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.SpawnSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link dev.isolates.IsolatePool}: a queue of tasks, a fixed number of
 * worker isolates ({@link WorkerSlot}) each running one task at a time, and an Erlang-style
 * supervisor that replaces isolates as the restart policy says and gives up when they end too often
 * ({@link Replacements}). Which task goes where is the {@link Dispatcher}'s choice; sending is
 * {@link TaskSender}'s.
 *
 * <p>With prefetch, an isolate that runs a task also holds the next one in its queue, so it starts
 * it without waiting for a round trip through this supervisor. That task has not started while its
 * predecessor's answer is missing: when the isolate dies before that answer, the task goes back to
 * the head of the queue, neither failed nor counted as an attempt.
 *
 * <p>Public as the seam through which {@link dev.isolates.IsolatePool} reaches the supervisor side;
 * it and {@link PoolSettings} are the only pool types outside this package can see.
 *
 * <p>Thread-safe: all state is guarded by {@code lock}; isolate events arrive on reader threads.
 */
public final class Pool {
    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    /** What a start that need not wait for anything waits for. */
    private static final CompletableFuture<Void> AT_ONCE = CompletableFuture.completedFuture(null);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PoolSettings settings;
    private final Session session;
    private final String name;
    private final Object lock = new Object();
    private final Deque<PoolTask<?>> queue = new ArrayDeque<>();
    private final List<WorkerSlot> workers = new ArrayList<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicInteger workerNames = new AtomicInteger();
    private final FutureCompleter completer;
    private final PoolOutcomes outcomes;
    private final Dispatcher dispatcher;
    private final TaskTimeouts timeouts;
    private final Replacements replacements;
    private final HeldTasks held;
    private final ScheduledFuture<?> health;
    /** Isolates that ended and, as the restart policy said, were not replaced: the pool is that much smaller. */
    private int shrunk;
    private boolean closed;
    private IsolateException failure;

    public Pool(PoolSettings settings) {
        this.settings = settings;
        this.session = Session.get();
        this.name = settings.options().debugName().orElse("pool-" + POOLS.incrementAndGet());
        this.completer = new FutureCompleter(session.completer());
        this.outcomes = new PoolOutcomes(completer, name);
        this.timeouts = new TaskTimeouts(settings.taskTimeout(), session::scheduleOnce, lock, this::timedOut);
        this.dispatcher = new Dispatcher(settings.prefetch(), settings.maxTasksPerIsolate(),
                new TaskSender(queue, outcomes, timeouts));
        this.replacements = new Replacements(name, settings.restart(), new RestartIntensity(settings.maxRestarts(),
                settings.restartPeriod()), new StartFailures(settings.size()));
        this.held = new HeldTasks(name, queue, outcomes, settings.retries(), settings.taskTimeout());
        this.failure = JvmOptionsCheck.failure(); // then every task fails at once, and the pool says it failed
        if (settings.prestart()) {
            synchronized (lock) {
                fill();
            }
        }
        if (settings.healthInterval() == null) {
            this.health = null;
        } else {
            HealthCheck check = new HealthCheck(settings.healthTimeout(), w -> w.process().ping(), this::hung, lock);
            this.health = session.scheduleEvery(settings.healthInterval().toMillis(), () -> {
                synchronized (lock) {
                    check.check(workers, System.nanoTime());
                }
            });
        }
    }

    /** Queues a task; see {@link dev.isolates.IsolatePool#submit}. */
    public <T> CompletableFuture<T> submit(IsolateCallable<T> callable) {
        byte[] encoded;
        try {
            encoded = encode(callable);
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("task", e));
        }
        PoolTask<T> task = new PoolTask<>(taskIds.incrementAndGet(), encoded, false, this::cancelled);
        enqueue(List.of(task));
        return task.future;
    }

    /**
     * Queues tasks that isolates may take several at a time; see {@link dev.isolates.IsolatePool#submitAll}.
     * The futures are in the order of {@code callables}.
     */
    public <T> List<CompletableFuture<T>> submitAll(List<? extends IsolateCallable<T>> callables) {
        List<CompletableFuture<T>> futures = new ArrayList<>(callables.size());
        List<PoolTask<T>> tasks = new ArrayList<>(callables.size());
        for (IsolateCallable<T> callable : callables) {
            try {
                PoolTask<T> task = new PoolTask<>(taskIds.incrementAndGet(), encode(callable), true, this::cancelled);
                tasks.add(task);
                futures.add(task.future);
            } catch (UnsendableObjectException e) {
                futures.add(CompletableFuture.failedFuture(SendFailures.unsendable("task " + futures.size(), e)));
            }
        }
        if (!tasks.isEmpty()) {
            enqueue(tasks);
        }
        return futures;
    }

    private void enqueue(List<? extends PoolTask<?>> tasks) {
        synchronized (lock) {
            IsolateException refused = failure != null ? failure
                    : closed ? new IsolateException("pool \"" + name + "\" is closed") : null;
            if (refused != null) {
                tasks.forEach(t -> outcomes.fail(t, refused));
            } else {
                queue.addAll(tasks);
                fill();
                if (workers.isEmpty()) { // NEVER (or ON_FAILURE) let the pool shrink to nothing
                    queue.removeAll(tasks);
                    IsolateException none = noIsolateLeft();
                    tasks.forEach(t -> outcomes.fail(t, none));
                } else {
                    dispatcher.dispatch(queue, workers);
                }
            }
        }
        completer.completeSettled();
    }

    /** Runs {@code function} over {@code inputs} in chunks; see {@link dev.isolates.IsolatePool#map}. */
    public <A, R> CompletableFuture<List<R>> map(IsolateFunction<A, R> function, List<A> inputs, int chunkSize) {
        return MapCall.start(this, function, inputs, chunkSize);
    }

    /** The task encoded once, whatever isolate runs it; refuses an unsendable task before it is queued. */
    private byte[] encode(IsolateCallable<?> callable) {
        return session.codec().encode(callable);
    }

    private void cancelled(PoolTask<?> task) {
        synchronized (lock) {
            if (outcomes.cancelled(task) && !queue.remove(task)) {
                // else it had an outcome already (the cancel lost the race), or it was only queued
                for (WorkerSlot w : workers) {
                    if (w.task() == task && w.process() != null) {
                        w.kill(WorkerSlot.EndCause.CANCELLED, "its task was cancelled"); // it may be mid-way through anything
                    }
                    // a prefetched task cannot be taken back from the isolate's queue: it runs, and its answer is dropped
                }
            }
        }
        completer.completeSettled();
    }

    /** Starts isolates until the pool has its size, unless it may not. Under lock. */
    private void fill() {
        while (workers.size() < settings.size() - shrunk && !closed && failure == null) {
            startWorker();
        }
    }

    private void startWorker() {
        startWorker(AT_ONCE);
    }

    /** Starts an isolate once {@code after} completes; its slot counts at once. Under lock. */
    private void startWorker(CompletableFuture<?> after) {
        WorkerSlot w = new WorkerSlot(name + "-" + workerNames.incrementAndGet());
        workers.add(w);
        after.whenComplete((done, failed) -> session.starter().execute(() -> launch(w)));
    }

    private void launch(WorkerSlot w) {
        IsolateProcess p;
        try {
            p = session.launch(SpawnSpec.of(settings.options()).workerSpec(w.name, RunCall.START_TIMEOUT)
                            .withOutput(IsolateOutputs.of(settings.options()))
                            .withDirectory(settings.options().workingDirectory().orElse(null)),
                    settings.options().untrusted(), settings.options().maxMessageSize());
        } catch (WorkerStartException | RuntimeException | Error e) {
            IsolateException cause = Failures.notStarted(w.name, e);
            synchronized (lock) {
                workers.remove(w);
                LOG.warn("pool {}: isolate {} could not start: {}", name, w.name, e.getMessage());
                if (!closed && failure == null) {
                    String why = "could not start: " + e.getMessage();
                    follow(replacements.notStarted(w.name, why, cause, System.nanoTime()), w, why, AT_ONCE);
                }
                afterEnd(() -> cause);
            }
            completer.completeSettled();
            return;
        }
        synchronized (lock) {
            replacements.started();
            w.connected(p);
            p.start(new IsolateListener() {
                @Override
                public void onAnswer(IsolateProcess isolate, Answer answer) {
                    answered(w, answer);
                }

                @Override
                public void onExit(IsolateProcess isolate, IsolateExit exit) {
                    ended(w, isolate, exit);
                }
            });
            if (closed && queue.isEmpty() || failure != null) {
                p.shutdown();
                return;
            }
            dispatcher.dispatch(queue, workers);
        }
        completer.completeSettled();
    }

    private void answered(WorkerSlot w, Answer answer) {
        synchronized (lock) {
            PoolTask<?> current = w.task();
            if (current == null || current.id != answer.correlation()) {
                return; // an answer to a task already failed (cancelled)
            }
            if (answer instanceof Answer.Unreadable u && u.endsIsolate()) {
                // the isolate is being killed: replace it, and give it no other task meanwhile
                w.end(WorkerSlot.EndCause.RETIRED, "its answer could not be read: " + u.exception().getCause().getMessage());
            }
            outcomes.settle(current, answer);
            finished(w, current);
        }
        completer.completeSettled();
    }

    /** {@code task}, which {@code w} ran, has its outcome: {@code w} starts its next one, or retires. Under lock. */
    private void finished(WorkerSlot w, PoolTask<?> task) {
        TaskTimeouts.cancel(task);
        PoolTask<?> next = w.next(); // the isolate starts its next task as soon as it has answered
        if (next != null && next.settled) {
            // cancelled while it waited in the isolate's queue: it cannot be taken back, and
            // left to run it might never end, so the isolate is replaced, as for a running task
            w.kill(WorkerSlot.EndCause.CANCELLED, "its task was cancelled");
        } else if (next != null) {
            timeouts.started(w, next);
        } else if (w.state() != WorkerSlot.State.ENDING) {
            String reason = w.state() == WorkerSlot.State.RETIRING ? w.why(null) : w.spent(settings.maxTasksPerIsolate());
            if (reason != null) {
                w.retire(reason);
                w.process().shutdown();
            }
        }
        dispatcher.dispatch(queue, workers);
        if (closed) {
            lock.notifyAll(); // only close() waits, once the pool is closed
        }
    }

    private void timedOut(WorkerSlot w) {
        w.kill(WorkerSlot.EndCause.TIMED_OUT, "its task timed out");
    }

    private void hung(WorkerSlot w) {
        LOG.warn("pool {}: isolate {} (pid {}) did not answer a ping within {} ms; replacing it", name, w.name,
                w.process().pid(), settings.healthTimeout().toMillis());
        w.kill(WorkerSlot.EndCause.HUNG, "did not answer pings for " + settings.healthTimeout().toMillis() + " ms");
    }

    /** An isolate has ended: fail or retry its task, then replace it as the policy says. */
    private void ended(WorkerSlot w, IsolateProcess p, IsolateExit exit) {
        synchronized (lock) {
            workers.remove(w);
            held.ended(w, p, exit, failure);
            if (!closed && failure == null) {
                String why = w.why(exit.reason());
                // the replacement starts once p's files are gone: on a full disk they hold the room it needs
                follow(replacements.ended(w, why, System.nanoTime()), w, why, p.released());
            }
            afterEnd(this::noIsolateLeft);
        }
        completer.completeSettled();
    }

    /** After an isolate ended or failed to start: with none left, fails what is queued with {@code none}. Under lock. */
    private void afterEnd(Supplier<IsolateException> none) {
        if (workers.isEmpty()) {
            IsolateException why = failure != null ? failure : none.get();
            while (!queue.isEmpty()) {
                outcomes.fail(queue.pollFirst(), why);
            }
        }
        dispatcher.dispatch(queue, workers);
        lock.notifyAll();
    }

    private IsolateException noIsolateLeft() {
        return new IsolateException("pool \"" + name + "\" has no isolate left (restart policy "
                + settings.restart() + "): its isolates ended and were not replaced");
    }

    /**
     * Does what {@code verdict} says about {@code gone}, which ended or did not start for {@code why};
     * a replacement starts once {@code freed} completes. Under lock.
     */
    private void follow(Replacements.Verdict verdict, WorkerSlot gone, String why, CompletableFuture<?> freed) {
        switch (verdict.kind()) {
            case REPLACE -> {
                outcomes.restarted();
                LOG.info("pool {}: replacing isolate {} ({})", name, gone.name, why);
                startWorker(freed);
            }
            case SHRINK -> shrunk++;
            case STOP -> {
                LOG.error(verdict.failure().getMessage());
                stop(verdict.failure());
            }
        }
    }

    /** Fails every task, queued or running, with {@code why}, ends every isolate, and stays failed. Under lock. */
    private void stop(IsolateException why) {
        failure = why;
        while (!queue.isEmpty()) {
            outcomes.fail(queue.pollFirst(), failure);
        }
        for (WorkerSlot w : workers) {
            held.failAll(w, failure);
            if (w.process() != null) {
                w.end();
                w.process().kill();
            }
        }
    }

    /** See {@link dev.isolates.IsolatePool#stats()}. */
    public PoolStats stats() {
        synchronized (lock) {
            return outcomes.stats(workers, queue.size());
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
                while (failure == null && !workers.isEmpty()
                        && (!queue.isEmpty() || workers.stream().anyMatch(w -> w.task() != null))) {
                    lock.wait(100);
                }
                if (health != null) {
                    health.cancel(false);
                }
                for (WorkerSlot w : workers) {
                    w.end();
                    if (w.process() != null) {
                        w.process().shutdown();
                    }
                }
                while (!workers.isEmpty()) {
                    lock.wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (WorkerSlot w : workers) {
                    if (w.process() != null) {
                        w.process().kill();
                    }
                }
            }
        }
    }
}
