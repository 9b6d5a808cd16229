package dev.isolates.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import dev.isolates.IsolateCallable;
import dev.isolates.UnsendableException;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.runtime.FailureRebuilder;
import dev.isolates.runtime.SupervisorCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterPool}'s side of the task flow: sends tasks to the cluster's queue in batches, takes
 * outcomes from its own result map (on each entry event, and in a sweep every 2 s), and settles the tasks of members that left (run again, or fail with
 * {@link MemberLostException}), so every submitted task ends in exactly one outcome. It keeps each
 * task's envelope until the task is settled: the held map names only a task's member and attempt, so a
 * retry is queued from that copy.
 *
 * <p>Thread-safe: {@link #submit} from any thread; one sender thread, one thread settling outcomes
 * and one scheduler thread inside.
 */
final class TaskSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmitter.class);
    private static final int BATCH = 1000;
    private static final long POLL_MILLIS = 500;
    private static final long SWEEP_MILLIS = 2000;

    private final HazelcastInstance hazelcast;
    private final boolean ownsInstance;
    private final int retries;
    private final Duration lostClusterTimeout;
    private final String id = UUID.randomUUID().toString();
    private final AtomicLong nextTask = new AtomicLong();
    private final KryoCodec codec = SupervisorCodec.create();
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
            ? Thread.currentThread().getContextClassLoader() : TaskSubmitter.class.getClassLoader();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<TaskEnvelope> outbox = new LinkedBlockingQueue<>();
    private final IQueue<TaskEnvelope> tasks;
    private final IMap<String, TaskOutcome> results;
    private final IMap<String, HeldTask> held;
    private final Thread sender;
    private final ExecutorService reader;
    private final UUID resultRegistration;
    private final ScheduledExecutorService scheduler;
    private final UUID membershipRegistration;
    private final UUID lifecycleRegistration;
    private ScheduledFuture<?> lostCheck;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    /**
     * A submitted task and its first envelope, until its outcome arrives; {@code retriesLeft} guarded by
     * {@link TaskSubmitter#recover}.
     */
    private static final class Pending {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        final TaskEnvelope task;
        int retriesLeft;

        Pending(TaskEnvelope task, int retries) {
            this.task = task;
            this.retriesLeft = retries;
        }
    }

    TaskSubmitter(HazelcastInstance hazelcast, boolean ownsInstance, int retries, Duration lostClusterTimeout) {
        this.hazelcast = hazelcast;
        this.ownsInstance = ownsInstance;
        this.retries = retries;
        this.lostClusterTimeout = lostClusterTimeout;
        this.tasks = hazelcast.getQueue(ClusterNames.TASKS);
        this.results = hazelcast.getMap(ClusterNames.results(id));
        this.held = hazelcast.getMap(ClusterNames.HELD);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "isolates-cluster-recovery"));
        this.sender = daemon(this::sendLoop, "isolates-cluster-send");
        this.reader = Executors.newSingleThreadExecutor(r -> daemon(r, "isolates-cluster-results"));
        this.resultRegistration = results.addEntryListener(
                (EntryAddedListener<String, TaskOutcome>) event -> reader.execute(() -> take(event.getValue())), true);
        this.membershipRegistration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new member claims from the queue by itself
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("member {} left the cluster; settling the tasks it held", event.getMember());
                scheduler.execute(TaskSubmitter.this::recover);
            }
        });
        this.lifecycleRegistration = hazelcast.getLifecycleService().addLifecycleListener(this::lifecycle);
        sender.start();
        scheduler.scheduleWithFixedDelay(this::recover, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @SuppressWarnings("unchecked") // the future holds what the task returns
    <T> CompletableFuture<T> submit(IsolateCallable<T> task) {
        if (!accepting) {
            throw new IllegalStateException("this ClusterPool is closed");
        }
        String taskId = id.substring(0, 8) + "-" + nextTask.incrementAndGet();
        byte[] body;
        try {
            body = codec.encode(task);
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(new UnsendableException(e.getMessage(), e.path(), e.typeName(), e));
        }
        Pending p = new Pending(new TaskEnvelope(taskId, id, 1, task.getClass().getName(), body), retries);
        pending.put(taskId, p);
        outbox.add(p.task);
        return (CompletableFuture<T>) p.future;
    }

    private void sendLoop() {
        List<TaskEnvelope> batch = new ArrayList<>(BATCH);
        while (running || !outbox.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    TaskEnvelope first = outbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outbox.drainTo(batch, BATCH - 1);
                }
                batch.removeIf(t -> !pending.containsKey(t.taskId())); // failed meanwhile (cluster lost)
                if (!batch.isEmpty()) {
                    tasks.addAll(batch);
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!waitAfter(e, "send " + batch.size() + " tasks")) {
                    return;
                }
            }
        }
    }

    /** Settles a task from its outcome and deletes the outcome; a second sight of it does nothing. */
    private void take(TaskOutcome outcome) {
        settle(outcome);
        try {
            results.delete(outcome.taskId());
        } catch (RuntimeException e) {
            LOG.debug("could not delete the outcome of task {}: {}", outcome.taskId(), e);
        }
    }

    /**
     * After a failed call: false when the connection is shut down for good (the pending tasks are
     * failed then); else waits a little and returns true, to try again.
     */
    private boolean waitAfter(RuntimeException failure, String what) {
        if (!hazelcast.getLifecycleService().isRunning()) {
            failAll("the cluster connection was shut down");
            return false;
        }
        LOG.debug("could not {} yet: {}", what, failure.toString());
        sleepQuietly();
        return true;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void settle(TaskOutcome outcome) {
        Pending p = pending.remove(outcome.taskId());
        if (p == null) {
            return; // already failed (cluster lost) or settled by an earlier attempt
        }
        try {
            switch (outcome.kind()) {
                case VALUE -> p.future.complete(codec.decode(outcome.body()));
                case FAILURE -> p.future.completeExceptionally(
                        FailureRebuilder.rebuild((RemoteFailure) codec.decode(outcome.body()), loader));
                case MISSING_CLASS -> p.future.completeExceptionally(new MissingTaskClassException(
                        new String(outcome.body(), StandardCharsets.UTF_8), outcome.member(), outcome.taskId()));
            }
        } catch (RuntimeException | LinkageError e) {
            p.future.completeExceptionally(e);
        }
    }

    /**
     * Settles the pending tasks held by members that are no longer in the cluster: runs them again
     * while they have retries left, else fails them. Runs on the scheduler thread only.
     */
    private void recover() {
        try {
            if (pending.isEmpty()) {
                return;
            }
            // Outcomes whose event was missed (a reconnect, a migration) are found here.
            for (TaskOutcome outcome : results.getAll(new HashSet<>(pending.keySet())).values()) {
                take(outcome);
            }
            Set<String> live = new HashSet<>();
            for (Member m : hazelcast.getCluster().getMembers()) {
                live.add(m.getUuid().toString());
            }
            Map<String, HeldTask> heldNow = held.getAll(new HashSet<>(pending.keySet()));
            for (Map.Entry<String, HeldTask> e : heldNow.entrySet()) {
                HeldTask h = e.getValue();
                if (live.contains(h.memberUuid())) {
                    continue;
                }
                // Only this submitter settles its tasks, on this one thread; a lost member's entry cannot change.
                // A transaction the member died in may lock the key until it times out: try again next sweep.
                if (!held.tryRemove(e.getKey(), 100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Pending p = pending.get(e.getKey());
                if (p == null || results.containsKey(e.getKey())) {
                    continue; // settled, or its outcome arrived after all
                }
                if (p.retriesLeft > 0) {
                    p.retriesLeft--;
                    LOG.info("task {} was held by lost member {}; running it again (attempt {})", e.getKey(),
                            h.member(), h.attempt() + 1);
                    tasks.offer(p.task.withAttempt(h.attempt() + 1));
                } else if (pending.remove(e.getKey(), p)) {
                    p.future.completeExceptionally(new MemberLostException(h.member(), e.getKey(), h.attempt()));
                }
            }
        } catch (RuntimeException e) {
            if (hazelcast.getLifecycleService().isRunning()) {
                LOG.warn("could not settle the tasks of lost members yet; trying again: {}", e.toString());
            }
        }
    }

    private void lifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_DISCONNECTED -> scheduleLostCheck();
            case CLIENT_CONNECTED -> cancelLostCheck();
            case CLIENT_CHANGED_CLUSTER -> failAll("the submitter reconnected to a different cluster "
                    + "(every member had left); the tasks were lost with it");
            case SHUTTING_DOWN, SHUTDOWN -> failAll("the cluster connection was shut down");
            default -> { }
        }
    }

    private synchronized void scheduleLostCheck() {
        if (lostCheck == null && accepting) {
            lostCheck = scheduler.schedule(() -> failAll("no member of the cluster could be reached for "
                    + lostClusterTimeout + " (ClusterPool.Builder.lostClusterTimeout)"),
                    lostClusterTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void cancelLostCheck() {
        if (lostCheck != null) {
            lostCheck.cancel(false);
            lostCheck = null;
        }
    }

    private void failAll(String reason) {
        for (String taskId : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(taskId);
            if (p != null) {
                p.future.completeExceptionally(new ClusterUnreachableException(taskId, reason));
            }
        }
    }

    /** For diagnostics: pending tasks, and where the held ones are. */
    String describe() {
        Map<String, HeldTask> heldNow = held.getAll(new HashSet<>(pending.keySet()));
        Map<String, Long> byMember = new java.util.TreeMap<>();
        heldNow.values().forEach(h -> byMember.merge(h.member(), 1L, Long::sum));
        return pending.size() + " pending, " + outbox.size() + " unsent, " + tasks.size() + " in the queue, held by "
                + byMember + ", members " + hazelcast.getCluster().getMembers();
    }

    ClusterStats stats() {
        Set<String> live = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            live.add(m.getUuid().toString());
            order.add(m.getUuid().toString());
        }
        IMap<String, MemberStats> reports = hazelcast.getMap(ClusterNames.MEMBER_STATS);
        Map<String, MemberStats> all = reports.getAll(live);
        List<MemberStats> members = new ArrayList<>();
        for (String uuid : order) {
            MemberStats s = all.get(uuid);
            if (s != null) {
                members.add(s);
            }
        }
        return new ClusterStats(tasks.size(), members);
    }

    /**
     * Waits up to {@code wait} for every pending task to end (failing the rest), then stops its threads
     * and, if it made it, the client.
     */
    void close(Duration wait) {
        accepting = false;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Pending p : List.copyOf(pending.values())) {
            try {
                p.future.handle((v, e) -> null).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e); // handle() never completes exceptionally
            }
        }
        failAll("the pool was closed while the task was pending");
        running = false;
        try {
            sender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.shutdownNow();
        scheduler.shutdownNow();
        if (hazelcast.getLifecycleService().isRunning()) {
            results.removeEntryListener(resultRegistration);
            hazelcast.getCluster().removeMembershipListener(membershipRegistration);
            hazelcast.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
            results.destroy();
            if (ownsInstance) {
                hazelcast.shutdown();
            }
        }
    }
}
