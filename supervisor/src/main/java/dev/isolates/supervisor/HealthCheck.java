package dev.isolates.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pool's health check: each round pings the idle isolates; one that has not answered the last
 * ping within the timeout is hung, and the pool is told which slot it was. Busy or ending isolates
 * are not pinged (a task may keep an isolate from answering for as long as it runs).
 *
 * <p>Thread-safe as far as its pool's lock, which it takes when a ping is answered.
 */
final class HealthCheck {
    private final long timeoutNanos;
    private final Function<WorkerSlot, CompletionStage<?>> ping;
    private final Consumer<WorkerSlot> hung;
    private final Object lock;

    /** {@code ping} sends one and completes with its answer; {@code hung} is called under {@code lock}. */
    HealthCheck(Duration timeout, Function<WorkerSlot, CompletionStage<?>> ping, Consumer<WorkerSlot> hung,
                Object lock) {
        this.timeoutNanos = timeout.toNanos();
        this.ping = ping;
        this.hung = hung;
        this.lock = lock;
    }

    /** One round at {@code nowNanos} (System.nanoTime) over {@code slots}. Under the lock. */
    void check(List<WorkerSlot> slots, long nowNanos) {
        for (WorkerSlot w : List.copyOf(slots)) {
            if (!w.takesTasks() || w.task() != null) {
                w.pingSent = 0;
                continue;
            }
            if (w.pingSent != 0) {
                if (nowNanos - w.pingSent > timeoutNanos) {
                    hung.accept(w);
                }
                continue;
            }
            long sent = nowNanos;
            w.pingSent = sent;
            ping.apply(w).thenRun(() -> {
                synchronized (lock) {
                    if (w.pingSent == sent) {
                        w.pingSent = 0;
                    }
                }
            });
        }
    }
}
