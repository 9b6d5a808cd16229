package dev.isolates.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;
import com.hazelcast.transaction.TransactionalQueue;
import dev.isolates.IsolateCallable;
import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.RemoteFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's side of the task flow: claims tasks from the cluster's queue only while an isolate is
 * free, runs them in the local pool, and puts each outcome in its submitter's result map.
 *
 * <p>A task is always in exactly one place: the queue, the held map (while this member runs it), or a
 * result map. The claim moves it from the queue to the held map in one transaction, and the delivery
 * (or a hand-back) moves it out of the held map in one transaction.
 *
 * <p>Thread-safe: one claim thread, deliveries on a small executor, {@link #close} from any thread.
 */
final class MemberTasks {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTasks.class);
    private static final long CLAIM_WAIT_MILLIS = 500;
    /**
     * A transaction's key locks outlive a member killed inside it until the transaction times out
     * (Hazelcast's default is 2 minutes): keep it short so a lost member's tasks are settled soon.
     */
    static final TransactionOptions TRANSACTION = new TransactionOptions()
            .setTransactionType(TransactionOptions.TransactionType.TWO_PHASE)
            .setTimeout(5, TimeUnit.SECONDS);
    private static final int DELIVERY_ATTEMPTS = 5;

    private final HazelcastInstance hazelcast;
    private final IsolatePool pool;
    private final KryoCodec codec;
    private final String memberUuid;
    private final String member;
    private final Semaphore freeIsolates;
    /** The tasks this member runs, by id: a hand-back queues them from here, as the held map names them only. */
    private final Map<String, TaskEnvelope> held = new ConcurrentHashMap<>();
    private final ExecutorService deliveries;
    private final Thread claimer;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean claiming = true;
    private volatile boolean handingBack;

    MemberTasks(HazelcastInstance hazelcast, IsolatePool pool, KryoCodec codec, int workers, String memberUuid,
                String member) {
        this.hazelcast = hazelcast;
        this.pool = pool;
        this.codec = codec;
        this.memberUuid = memberUuid;
        this.member = member;
        this.freeIsolates = new Semaphore(workers);
        this.deliveries = Executors.newFixedThreadPool(2, r -> daemon(r, "isolates-member-delivery"));
        this.claimer = daemon(this::claimLoop, "isolates-member-claim");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        claimer.start();
    }

    MemberStats stats() {
        PoolStats local = pool.stats();
        return new MemberStats(member, local.alive(), local.queued(), local.running(), done.get(), failed.get());
    }

    private void claimLoop() {
        while (claiming) {
            try {
                if (!freeIsolates.tryAcquire(CLAIM_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            int free = 1 + freeIsolates.drainPermits();
            List<TaskEnvelope> claimed = List.of();
            try {
                claimed = claim(free);
            } catch (RuntimeException e) {
                if (claiming && hazelcast.getLifecycleService().isRunning()) {
                    LOG.warn("member {} could not claim tasks; trying again: {}", member, e.toString());
                    pause();
                }
            }
            freeIsolates.release(free - claimed.size());
            for (TaskEnvelope task : claimed) {
                run(task);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves up to {@code free} tasks from the queue to the held map, in one transaction. */
    private List<TaskEnvelope> claim(int free) {
        TransactionContext tx = hazelcast.newTransactionContext(TRANSACTION);
        tx.beginTransaction();
        List<TaskEnvelope> claimed = new ArrayList<>(free);
        try {
            TransactionalQueue<TaskEnvelope> queue = tx.getQueue(ClusterNames.TASKS);
            TransactionalMap<String, HeldTask> heldMap = tx.getMap(ClusterNames.HELD);
            TaskEnvelope task = queue.poll(CLAIM_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            while (task != null) {
                heldMap.set(task.taskId(), new HeldTask(memberUuid, member, task.attempt()));
                claimed.add(task);
                task = claimed.size() < free ? queue.poll() : null;
            }
            tx.commitTransaction();
            return claimed;
        } catch (InterruptedException e) {
            tx.rollbackTransaction();
            Thread.currentThread().interrupt();
            return List.of();
        } catch (RuntimeException e) {
            tx.rollbackTransaction();
            throw e;
        }
    }

    private void run(TaskEnvelope task) {
        held.put(task.taskId(), task);
        IsolateCallable<?> callable;
        try {
            callable = (IsolateCallable<?>) codec.decode(task.body());
        } catch (RuntimeException | LinkageError e) {
            ClassNotFoundException missing = find(e, ClassNotFoundException.class);
            if (missing != null) {
                String name = missing.getMessage() != null ? missing.getMessage() : task.taskClass();
                finish(task, new TaskOutcome(task.taskId(), TaskOutcome.Kind.MISSING_CLASS,
                        name.getBytes(StandardCharsets.UTF_8), member), false);
            } else {
                finish(task, failure(task, e), false);
            }
            return;
        }
        CompletableFuture<?> result;
        try {
            result = pool.submit(callable);
        } catch (RuntimeException e) {
            finish(task, failure(task, e), false);
            return;
        }
        result.whenCompleteAsync((value, error) -> {
            if (error == null) {
                finish(task, value(task, value), true);
            } else {
                finish(task, failure(task, unwrap(error)), false);
            }
        }, deliveries);
    }

    /**
     * The value's bytes. The member owns a value its isolate answered, and nothing reads it once
     * encoded: one that is {@link AutoCloseable} (a {@code TransferableBuffer}, a {@code JsonDocument},
     * a record that closes one) is closed here, so its isolate's shared memory is free for the next
     * task at once rather than whenever a collection finds the value unreachable.
     */
    private TaskOutcome value(TaskEnvelope task, Object value) {
        try {
            return new TaskOutcome(task.taskId(), TaskOutcome.Kind.VALUE, codec.encode(value), member);
        } catch (RuntimeException e) {
            return failure(task, e);
        } finally {
            if (value instanceof AutoCloseable closeable) {
                close(task, closeable);
            }
        }
    }

    private void close(TaskEnvelope task, AutoCloseable value) {
        try {
            value.close();
        } catch (Exception e) {
            LOG.warn("member {} could not close the value of task {} after sending it: {}", member, task.taskId(), e.toString());
        }
    }

    private TaskOutcome failure(TaskEnvelope task, Throwable error) {
        return new TaskOutcome(task.taskId(), TaskOutcome.Kind.FAILURE, codec.encode(RemoteFailure.of(error)), member);
    }

    /**
     * Delivers the outcome and forgets the held entry in one transaction; while the member is being
     * stopped by a signal, a failure (likely the stop's doing) is handed back instead.
     */
    private void finish(TaskEnvelope task, TaskOutcome outcome, boolean succeeded) {
        if (held.remove(task.taskId()) == null) {
            return; // handed back already
        }
        try {
            if (handingBack && !succeeded) {
                handBack(task);
                LOG.info("member {} is stopping; handed task {} back to the cluster's queue", member, task.taskId());
                return;
            }
            deliver(task, outcome);
            (succeeded ? done : failed).incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("member {} could not deliver the outcome of task {}; its submitter will see the member leave: {}",
                    member, task.taskId(), e.toString());
        } finally {
            freeIsolates.release();
        }
    }

    /** Puts the outcome in the result map and removes the held entry in one transaction, trying again a few times. */
    private void deliver(TaskEnvelope task, TaskOutcome outcome) {
        for (int attempt = 1; ; attempt++) {
            TransactionContext tx = hazelcast.newTransactionContext(TRANSACTION);
            tx.beginTransaction();
            try {
                tx.getMap(ClusterNames.HELD).delete(task.taskId());
                tx.<String, TaskOutcome>getMap(ClusterNames.results(task.submitter())).set(task.taskId(), outcome);
                tx.commitTransaction();
                return;
            } catch (RuntimeException e) {
                tx.rollbackTransaction();
                if (attempt == DELIVERY_ATTEMPTS || !hazelcast.getLifecycleService().isRunning()) {
                    throw e;
                }
                LOG.debug("member {} will try again to deliver task {}: {}", member, task.taskId(), e.toString());
                pause();
            }
        }
    }

    /** Puts a held task back at the queue, unchanged, and forgets it, in one transaction. */
    private void handBack(TaskEnvelope task) {
        TransactionContext tx = hazelcast.newTransactionContext(TRANSACTION);
        tx.beginTransaction();
        try {
            tx.getMap(ClusterNames.HELD).delete(task.taskId());
            tx.<TaskEnvelope>getQueue(ClusterNames.TASKS).offer(task);
            tx.commitTransaction();
        } catch (RuntimeException e) {
            tx.rollbackTransaction();
            throw e;
        }
    }

    /** Stops claiming; waits up to {@code drain} for the held tasks, then hands the rest back. */
    void close(Duration drain) {
        claiming = false;
        try {
            claimer.join(2 * CLAIM_WAIT_MILLIS + 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            pause();
        }
        handBackAll();
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands back every task not yet finished; failures that arrive from now on are handed back too. */
    void handBackAll() {
        claiming = false;
        handingBack = true;
        for (String taskId : List.copyOf(held.keySet())) {
            TaskEnvelope task = held.remove(taskId);
            if (task != null) {
                try {
                    handBack(task);
                    LOG.info("member {} handed task {} back to the cluster's queue", member, taskId);
                } catch (RuntimeException e) {
                    LOG.warn("member {} could not hand task {} back; its submitter will see the member leave: {}",
                            member, taskId, e.toString());
                }
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
