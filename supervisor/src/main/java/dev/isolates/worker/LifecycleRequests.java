package dev.isolates.worker;

import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.runtime.ControlRequest;
import dev.isolates.runtime.FailureRebuilder;
import dev.isolates.runtime.SendFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A worker's lifecycle requests to its supervisor (spawn, kill, pause, ping, listeners) and the
 * futures their answers complete. Each request that expects an answer gets its own correlation;
 * the event loop hands each CONTROL_REPLY to {@link #answered}.
 *
 * <p>{@link #request} and {@link #tell} are safe from any thread; {@link #answered} is called from
 * the event loop thread.
 */
final class LifecycleRequests {
    private final IsolateChannel channel;
    private final Supplier<CompletableFuture<Object>> newReply;
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextCorrelation = new AtomicLong();

    /** @param newReply makes the future an answer completes (one that reads the channel while waited on) */
    LifecycleRequests(IsolateChannel channel, Supplier<CompletableFuture<Object>> newReply) {
        this.channel = channel;
        this.newReply = newReply;
    }

    /** Sends {@code request} and returns the future its answer completes; a request that cannot be sent fails it. */
    CompletableFuture<Object> request(ControlRequest request) {
        long correlation = nextCorrelation.incrementAndGet();
        CompletableFuture<Object> reply = newReply.get();
        pending.put(correlation, reply);
        try {
            channel.send(MessageKind.CONTROL, correlation, request);
        } catch (UnsendableObjectException e) {
            pending.remove(correlation);
            reply.completeExceptionally(SendFailures.unsendable("request", e));
        } catch (IOException e) {
            pending.remove(correlation);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /** Sends a request that gets no answer. */
    void tell(ControlRequest request) {
        try {
            channel.send(MessageKind.CONTROL, 0, request);
        } catch (UnsendableObjectException e) {
            throw SendFailures.unsendable("request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Completes the request {@code correlation} names with {@code reply}, or with the exception a
     * {@link RemoteFailure} reply stands for. A reply nobody waits for any more is dropped.
     */
    void answered(long correlation, Object reply) {
        CompletableFuture<Object> f = pending.remove(correlation);
        if (f == null) {
            return;
        }
        if (reply instanceof RemoteFailure failure) {
            f.completeExceptionally(FailureRebuilder.rebuild(failure, LifecycleRequests.class.getClassLoader()));
        } else {
            f.complete(reply);
        }
    }

    /** True while no request waits for its answer. */
    boolean noneWaiting() {
        return pending.isEmpty();
    }
}
