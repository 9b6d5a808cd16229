package dev.isolates.supervisor;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One task of a pool, encoded once whatever isolate runs it, and its future.
 *
 * <p>Not thread-safe: its mutable fields are guarded by its pool's lock.
 */
final class PoolTask<T> {
    final long id;
    final byte[] encoded;
    /** Submitted in bulk: an isolate may take it with others, in one message, ahead of need. */
    final boolean bulk;
    final SpinningFuture<T> future;
    /** Its outcome is decided (its future may complete a moment later). */
    boolean settled;
    /** Times it was sent to an isolate. */
    int attempts;
    /** Its timeout while it runs, or null. */
    ScheduledFuture<?> timeout;
    /** When it was submitted, first sent to an isolate and last sent (System.nanoTime), for its JFR event. */
    final long submitted = System.nanoTime();
    boolean sent;
    long firstSent;
    long lastSent;

    PoolTask(long id, byte[] encoded, boolean bulk, Consumer<PoolTask<?>> onCancel) {
        this.id = id;
        this.encoded = encoded;
        this.bulk = bulk;
        this.future = new SpinningFuture<>(() -> onCancel.accept(this));
    }
}
