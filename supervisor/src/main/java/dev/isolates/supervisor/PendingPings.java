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
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Duration>> replies = new ConcurrentHashMap<>();
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
        replies.put(id, reply);
        sentAt.put(id, clock.getAsLong());
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
        Long sent = sentAt.remove(id);
        CompletableFuture<Duration> reply = replies.remove(id);
        if (sent != null && reply != null) {
            reply.complete(Duration.ofNanos(clock.getAsLong() - sent));
        }
    }

    private void abandon(long id, Throwable failure) {
        sentAt.remove(id);
        CompletableFuture<Duration> reply = replies.remove(id);
        if (reply != null) {
            reply.completeExceptionally(failure);
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
        for (Long id : List.copyOf(replies.keySet())) {
            CompletableFuture<Duration> r = replies.remove(id);
            sentAt.remove(id);
            if (r != null) {
                r.completeExceptionally(ended.get());
            }
        }
    }

    /** True when no ping waits for its answer and none is remembered as sent. */
    boolean isEmpty() {
        return sentAt.isEmpty() && replies.isEmpty();
    }
}
