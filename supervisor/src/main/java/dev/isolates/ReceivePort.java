package dev.isolates;

import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.runtime.PortInbox;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Receives messages in the isolate that opened it, like Dart's {@code ReceivePort}. Give its
 * {@link #sendPort()} to other isolates; read with {@link #receive()} or hand every message to a
 * {@link #listen(Consumer) handler} on the isolate's event loop. A receive port itself cannot be
 * sent. A spawned isolate lives while it has an open receive port.
 *
 * <pre>{@code
 * try (ReceivePort replies = new ReceivePort("replies")) {
 *     Isolates.spawn(port -> port.send("hello from " + Isolates.current().pid()), replies.sendPort()).get();
 *     System.out.println(replies.receive());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ReceivePort implements AutoCloseable {
    private final PortInbox inbox;

    /** Opens a port in the current isolate. */
    public ReceivePort() {
        this("");
    }

    /**
     * Opens a port named {@code debugName} in the current isolate.
     *
     * @param debugName the name shown in {@link #toString()} and in errors about the port; null for none
     */
    public ReceivePort(String debugName) {
        this.inbox = IsolateRuntime.current().openPort(debugName == null ? "" : debugName);
    }

    /**
     * Where to send messages for this port; sendable to any isolate.
     *
     * @return the port's send port, the same on every call; sends through it after {@link #close()}
     *         are dropped
     */
    public SendPort sendPort() {
        return inbox.sendPort();
    }

    /**
     * The next message, waiting as long as it takes.
     *
     * @return the message, in send order per sender; null when null was sent
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws IllegalStateException if the port is closed or has a listener
     */
    public Object receive() throws InterruptedException {
        try {
            return inbox.receive(null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a wait without a time limit timed out", e);
        }
    }

    /**
     * The next message, waiting up to {@code timeout}.
     *
     * @param timeout the longest wait
     * @return the message, in send order per sender; null when null was sent
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws IllegalStateException if the port is closed or has a listener
     * @throws TimeoutException if none came in time
     */
    public Object receive(Duration timeout) throws InterruptedException, TimeoutException {
        return inbox.receive(timeout);
    }

    /**
     * Hands every message, those already waiting first, to {@code handler}, one at a time on the
     * isolate's event loop. A port has one listener at most; {@link #close()} ends it.
     *
     * @param handler takes each message; not null
     * @throws IllegalStateException if the port is closed or already has a listener
     */
    public void listen(Consumer<Object> handler) {
        inbox.listen(handler);
    }

    /** Closes the port: listening ends, waiting messages are dropped, and later sends to it are dropped. */
    @Override
    public void close() {
        inbox.close();
    }

    @Override
    public String toString() {
        return "ReceivePort[" + inbox + "]";
    }
}
