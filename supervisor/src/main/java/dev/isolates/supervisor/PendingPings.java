package dev.isolates.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The pings sent to one isolate that await their PONG: when each was sent, and the future its
 * round trip completes. A PONG nobody waits for (a second answer to a ping, after a pause) finds
 * nothing and is dropped. Once the isolate has ended every ping fails, those sent after too.
 *
 * <p>Safe from any thread.
 */
final class PendingPings {
    private final LongSupplier clock;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    /** Makes the exception of a ping the ended isolate cannot answer; null while it lives. */
    private volatile Supplier<? extends Throwable> ended;

    /** Sends one ping. */
    @FunctionalInterface
    interface Sender {
        void send(long id) throws IOException;
    }

    PendingPings() {
        this(System::nanoTime);
    }

    /** @param clock the nanosecond clock the round trips are measured with */
    PendingPings(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Sends a ping with a new id through {@code sender}; returns the future its PONG completes with
     * the round trip, or that fails with what kept it from being sent.
     */
    CompletableFuture<Duration> send(Sender sender) {
        long id = nextId.incrementAndGet();
        CompletableFuture<Duration> reply = new CompletableFuture<>();
        pending.put(id, new Pending(clock.getAsLong(), reply));
        try {
            sender.send(id);
        } catch (IOException | RuntimeException e) {
            abandon(id, e);
        }
        if (ended != null) {
            failAll(); // registered after the end's sweep, or during it
        }
        return reply;
    }

    /** Completes ping {@code id} with its round trip; does nothing for a ping nobody waits for. */
    void answered(long id) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.reply().complete(Duration.ofNanos(clock.getAsLong() - p.sentAt()));
        }
    }

    private void abandon(long id, Throwable failure) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.reply().completeExceptionally(failure);
        }
    }

    /**
     * The isolate has ended: fails every ping still waiting, and every one sent from now on, each
     * with a new exception from {@code failure}.
     */
    void end(Supplier<? extends Throwable> failure) {
        ended = failure;
        failAll();
    }

    private void failAll() {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.reply().completeExceptionally(ended.get());
            }
        }
    }

    /** True when no ping waits for its answer. */
    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** A ping sent at {@code sentAt} (the clock's nanoseconds) whose PONG completes {@code reply}. */
    private record Pending(long sentAt, CompletableFuture<Duration> reply) {
    }
}
