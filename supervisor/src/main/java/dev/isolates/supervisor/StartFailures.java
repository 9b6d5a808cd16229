package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.IsolateStartException;

/**
 * A pool's starts that failed one after another, none succeeding in between. The pool stops at its
 * size plus {@value #BEYOND_SIZE}: every slot of a pool that starts all at once may fail once for
 * one passing cause (a moment of load or full disk) without failing the pool.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class StartFailures {
    /** Failed starts beyond the pool's size at which the pool stops. */
    static final int BEYOND_SIZE = 2;

    private final int limit;
    private int inARow;

    StartFailures(int poolSize) {
        this.limit = poolSize + BEYOND_SIZE;
    }

    /** A start succeeded. */
    void succeeded() {
        inARow = 0;
    }

    /** A start failed; true when that makes the pool stop. */
    boolean failed() {
        return ++inARow >= limit;
    }

    /** The failure of pool {@code pool} that stopped starting isolates, the last having failed with {@code last}. */
    IsolateException stopped(String pool, IsolateException last) {
        String message = "pool \"" + pool + "\" stopped starting isolates: the last " + limit
                + " could not start, none in between did. The last: " + last.getMessage();
        if (last instanceof IsolateStartException start) {
            return new IsolateStartException(message, start.command(), start.output(), start);
        }
        return new IsolateException(message, last);
    }
}
