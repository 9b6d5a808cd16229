package dev.isolates.runtime;

import com.esotericsoftware.kryo.io.Output;
import dev.isolates.Isolate;
import dev.isolates.IsolateEntryPoint;
import dev.isolates.IsolateOptions;
import dev.isolates.SendPort;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.supervisor.MainIsolate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The isolate this JVM is: the main isolate (number 0) in a supervisor, or a spawned one in a worker
 * JVM. It owns the receive ports opened here, routes sends, runs listeners on its event loop, and
 * carries out spawn, exit and the lifecycle calls of {@link dev.isolates.Isolate}.
 *
 * <p>Thread-safe.
 */
public abstract class IsolateRuntime {
    private static volatile IsolateRuntime worker;
    /** The in-process isolate whose event loop runs on a thread; not inherited: threads it starts see this JVM's. */
    private static final ThreadLocal<IsolateRuntime> IN_THREAD = new ThreadLocal<>();

    private final Map<Long, PortInbox> ports = new ConcurrentHashMap<>();
    private final AtomicLong nextPort = new AtomicLong();

    /**
     * The calling code's isolate: on an in-process isolate's thread, that isolate's runtime; else
     * this JVM's, the worker's runtime in a worker JVM or the main isolate's.
     */
    public static IsolateRuntime current() {
        IsolateRuntime inThread = IN_THREAD.get();
        if (inThread != null) {
            return inThread;
        }
        IsolateRuntime w = worker;
        return w != null ? w : MainIsolate.runtime();
    }

    /** Makes {@code runtime} this JVM's isolate; called once by a worker JVM's body. */
    public static void installWorker(IsolateRuntime runtime) {
        worker = runtime;
    }

    /**
     * Makes {@code runtime} the isolate of the calling thread, an in-process isolate's event loop,
     * until {@link #uninstallFromThread()}; the JVM's own isolate is left as it is.
     */
    public static void installOnThread(IsolateRuntime runtime) {
        IN_THREAD.set(runtime);
    }

    /** Undoes {@link #installOnThread} on the calling thread. */
    public static void uninstallFromThread() {
        IN_THREAD.remove();
    }

    /** This isolate's number; 0 for the main isolate. */
    protected abstract int isolateId();

    /** The codec for copies within this isolate. */
    protected abstract KryoCodec codec();

    /** Opens a receive port in this isolate. */
    public PortInbox openPort(String debugName) {
        PortInbox inbox = new PortInbox(this, new PortAddress(isolateId(), nextPort.incrementAndGet()), debugName);
        ports.put(inbox.number(), inbox);
        return inbox;
    }

    protected void closed(PortInbox inbox) {
        ports.remove(inbox.number());
    }

    protected int openPorts() {
        return ports.size();
    }

    /** Gives a decoded message to the port numbered {@code port}; dropped if it is closed. */
    protected void deliverLocal(long port, Object message) {
        PortInbox inbox = ports.get(port);
        if (inbox != null) {
            inbox.deliver(message);
        }
    }

    /** A copy of {@code message} made the way another isolate would get it (encoded, then decoded). */
    protected Object copy(Object message) {
        KryoCodec codec = codec();
        try (Output out = new Output(4096, -1)) {
            codec.encode(message, out);
            return codec.decode(out.toBytes());
        } catch (UnsendableObjectException e) {
            throw SendFailures.unsendable("message", e);
        }
    }

    /** Sends {@code message} to the port at {@code target}, checking it first. */
    protected abstract void send(PortAddress target, Object message);

    /** Runs {@code event} on this isolate's event loop, after the events already queued. */
    protected abstract void runOnEventLoop(Runnable event);

    /** True when a receiver should spin briefly before blocking: another thread delivers here. */
    protected boolean spinsForDelivery() {
        return true;
    }

    /** Waits up to {@code nanos} for a message for {@code inbox}; on a worker's event loop, reads its channel meanwhile. */
    protected abstract void awaitDelivery(PortInbox inbox, long nanos) throws InterruptedException;

    /** Starts a spawned isolate. */
    public abstract <M> CompletableFuture<Isolate> spawn(IsolateEntryPoint<M> entryPoint, M message,
                                                         IsolateOptions options);

    /** Sends the last message and ends this isolate. */
    public abstract void exit(SendPort port, Object message);

    /** A handle on this isolate. */
    public abstract Isolate currentIsolate();

    /** Memory for a {@link dev.isolates.TransferableBuffer} allocated here. */
    public abstract TransferBacking allocateTransfer(long size);
}
