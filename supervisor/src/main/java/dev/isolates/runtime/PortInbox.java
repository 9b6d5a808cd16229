package dev.isolates.runtime;

import dev.isolates.SendPort;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The state behind a {@link dev.isolates.ReceivePort}: its number, the messages waiting, its
 * listener. The runtime delivers into it; receivers take from it.
 *
 * <p>Thread-safe: guarded by its own lock.
 */
public final class PortInbox {
    private final IsolateRuntime runtime;
    private final PortAddress address;
    private final String debugName;
    private final Deque<Object> waiting = new ArrayDeque<>();
    private Consumer<Object> listener;
    private boolean closed;
    /** Messages waiting, readable without the lock, so a receiver can spin briefly before it blocks. */
    private volatile int available;
    /** How long a receiver spins for a message before it blocks: a hand-off within it costs no wake-up. */
    static final long SPIN_NANOS = 50_000;

    PortInbox(IsolateRuntime runtime, PortAddress address, String debugName) {
        this.runtime = runtime;
        this.address = address;
        this.debugName = debugName;
    }

    /** This port's send port. */
    public SendPort sendPort() {
        return address;
    }

    long number() {
        return address.port();
    }

    /** Hands a decoded message over: to the listener on the event loop, or to the waiting queue. */
    void deliver(Object message) {
        Consumer<Object> handler;
        synchronized (this) {
            if (closed) {
                return;
            }
            handler = listener;
            if (handler == null) {
                waiting.addLast(message);
                available = waiting.size();
                notifyAll();
                return;
            }
        }
        runtime.runOnEventLoop(() -> {
            if (isOpen()) {
                handler.accept(message);
            }
        });
    }

    /** The next message; {@code timeout} null waits for ever. */
    public Object receive(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                check();
                if (!waiting.isEmpty()) {
                    Object m = waiting.removeFirst();
                    available = waiting.size();
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no message on port " + this + " within " + timeout);
            }
            if (!spinForMessage(Math.min(left, SPIN_NANOS))) {
                runtime.awaitDelivery(this, left);
            }
        }
    }

    private boolean spinForMessage(long nanos) {
        if (!runtime.spinsForDelivery()) {
            return false;
        }
        long end = System.nanoTime() + nanos;
        for (int i = 0; ; i++) {
            if (available > 0) {
                return true;
            }
            if ((i & 63) == 0 && System.nanoTime() - end > 0) {
                return false;
            }
            if (i < 32) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // on two cores the deliverer may need this one
            }
        }
    }

    /** Waits up to {@code nanos} for a message or a close; called by the runtime. */
    public synchronized void awaitLocally(long nanos) throws InterruptedException {
        if (waiting.isEmpty() && !closed) {
            long millis = Math.max(1, nanos / 1_000_000);
            wait(Math.min(millis, 100));
        }
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("receive port " + this + " is closed");
        }
        if (listener != null) {
            throw new IllegalStateException("receive port " + this + " has a listener; it cannot also be read");
        }
    }

    /** Starts handing every message to {@code handler} on the event loop, those waiting first. */
    public void listen(Consumer<Object> handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        Deque<Object> backlog;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("receive port " + this + " is closed");
            }
            if (listener != null) {
                throw new IllegalStateException("receive port " + this + " already has a listener");
            }
            listener = handler;
            backlog = new ArrayDeque<>(waiting);
            waiting.clear();
            available = 0;
            for (Object m : backlog) {
                runtime.runOnEventLoop(() -> {
                    if (isOpen()) {
                        handler.accept(m);
                    }
                });
            }
        }
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** Closes the port; waiting messages are dropped. Closing twice is harmless. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.clear();
            available = 0;
            listener = null;
            notifyAll();
        }
        runtime.closed(this);
    }

    @Override
    public String toString() {
        return (debugName.isEmpty() ? "" : debugName + " ") + "#" + address.port() + " of isolate " + address.isolate();
    }
}
