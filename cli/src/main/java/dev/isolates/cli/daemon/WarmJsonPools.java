package dev.isolates.cli.daemon;

import dev.isolates.IsolatePool;
import dev.isolates.cli.JsonPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's json pools: a command leases a pool of its size and gives it back when it ends, so
 * the next command's isolates have their JIT work done already. The json task is a pure function
 * of a file's bytes and each document is closed by the command that asked for it, so nothing one
 * command did is seen by the next. An isolate is replaced after {@value #MAX_TASKS_PER_ISOLATE}
 * files (bounding a leak in the parser or Jackson); a pool whose command did not finish, or that
 * failed, is closed, never kept. At most {@value #MAX_IDLE_POOLS} pools wait, the latest used.
 * Thread-safe.
 */
final class WarmJsonPools implements JsonPools {
    static final int MAX_TASKS_PER_ISOLATE = 2000;
    private static final int MAX_IDLE_POOLS = 2;

    /** Idle pools by size, the least recently used first. Guarded by this. */
    private final Map<Integer, IsolatePool> idle = new LinkedHashMap<>();
    /** The size of each pool leased or idle. Guarded by this. */
    private final Map<IsolatePool, Integer> sizes = new IdentityHashMap<>();
    private boolean closed;

    @Override
    public IsolatePool lease(int size, int files) {
        IsolatePool pool;
        synchronized (this) {
            pool = idle.remove(size);
        }
        if (pool != null && !pool.isFailed()) {
            return pool;
        }
        if (pool != null) {
            forget(pool);
            pool.close();
        }
        IsolatePool fresh = IsolatePool.builder().size(size)
                .options(JsonPools.options())
                .maxTasksPerIsolate(MAX_TASKS_PER_ISOLATE)
                .maxRestarts(10_000, Duration.ofMinutes(1)) // a bad file fails alone, however many there are
                .prefetch(true)
                .build();
        synchronized (this) {
            sizes.put(fresh, size);
        }
        return fresh;
    }

    /** Starts a pool of {@code size} isolates, unless one waits already, and keeps it for the next command of that size. */
    void start(int size) {
        release(lease(size, 0), true);
    }

    @Override
    public void release(IsolatePool pool, boolean reusable) {
        List<IsolatePool> toClose = new ArrayList<>();
        synchronized (this) {
            if (!reusable || closed || pool.isFailed()) {
                toClose.add(pool);
            } else {
                IsolatePool before = idle.put(sizes.get(pool), pool);
                if (before != null) {
                    toClose.add(before);
                }
                while (idle.size() > MAX_IDLE_POOLS) {
                    Integer eldest = idle.keySet().iterator().next();
                    toClose.add(idle.remove(eldest));
                }
            }
            toClose.forEach(sizes::remove);
        }
        toClose.forEach(IsolatePool::close);
    }

    private synchronized void forget(IsolatePool pool) {
        sizes.remove(pool);
    }

    /** The isolates alive in the idle pools. */
    synchronized int isolates() {
        return idle.values().stream().mapToInt(p -> p.stats().alive()).sum();
    }

    /** Closes the idle pools; pools given back later are closed too. */
    void close() {
        List<IsolatePool> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle.values());
            idle.clear();
            sizes.clear();
        }
        toClose.forEach(IsolatePool::close);
    }
}
