package dev.isolates.worker;

import dev.isolates.runtime.ApiBridge;
import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.ControlOp;
import dev.isolates.runtime.ControlRequest;
import dev.isolates.runtime.FailureRebuilder;
import dev.isolates.runtime.PortAddress;
import dev.isolates.runtime.PortInbox;
import dev.isolates.runtime.SpawnSpec;
import dev.isolates.runtime.SpawnedInfo;
import dev.isolates.runtime.StartRequest;
import dev.isolates.runtime.TransferBacking;
import dev.isolates.runtime.IsolateRuntime;
import com.esotericsoftware.kryo.io.Output;
import dev.isolates.Isolate;
import dev.isolates.IsolateCallable;
import dev.isolates.IsolateEntryPoint;
import dev.isolates.IsolateError;
import dev.isolates.IsolateOptions;
import dev.isolates.SendPort;
import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.bootstrap.WorkerExitCodes;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.PeerGoneException;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.RunBatch;
import dev.isolates.protocol.TransferArena;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A spawned isolate's runtime, in its worker JVM. Its event loop runs on the JVM's main thread: it
 * runs one event at a time (the entry point, a listener's message, a computation), and between
 * events reads the channel, honouring the lifecycle words (pause, kill) the supervisor sets. A
 * spawned isolate ends when its entry point has returned and it has no open receive port.
 *
 * <p>Sends are safe from any thread; reading the channel happens on the event loop thread only.
 */
final class WorkerRuntime extends IsolateRuntime {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The exit reason of a worker that could not read a message from the supervisor. */
    static final String UNREADABLE = "unreadable message from the supervisor";

    private enum Mode { WAITING, RUN, SPAWNED }

    private final IsolateChannel channel;
    private final WorkerArguments arguments;
    private final KryoCodec codec;
    private final int id;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextCorrelation = new AtomicLong();
    private volatile boolean orderly;
    private Mode mode = Mode.WAITING;
    /** The newest ping answered while paused; event loop thread only. */
    private long pingAnswered;

    WorkerRuntime(IsolateChannel channel, WorkerArguments arguments, KryoCodec codec) {
        this.channel = channel;
        this.arguments = arguments;
        this.codec = codec;
        this.id = dev.isolates.protocol.IsolatePaths.of(arguments.isolateDir()).id();
        this.loop = Thread.currentThread();
    }

    @Override
    protected int isolateId() {
        return id;
    }

    @Override
    protected KryoCodec codec() {
        return codec;
    }

    /** Runs the event loop until the isolate ends. Never returns normally. */
    void serve() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!orderly) {
                notice("System.exit", "");
            }
        }, "isolate-exit-notice"));
        while (true) {
            checkKill();
            // A message read in the moment the isolate was paused waits here too: none runs while paused.
            Runnable event = channel.control().pauseCount() > 0 ? null : events.poll();
            if (event != null) {
                runEvent(event);
                continue;
            }
            if (mode == Mode.SPAWNED && events.isEmpty() && openPorts() == 0 && pending.isEmpty()) {
                end("completed", 0);
            }
            pumpOnce(SLICE_NANOS);
        }
    }

    /** Reads and dispatches at most one message, waiting up to {@code nanos}. Event loop thread only. */
    void pumpOnce(long nanos) {
        checkKill();
        try {
            if (channel.control().pauseCount() > 0) {
                channel.park(Math.min(nanos, SLICE_NANOS), TimeUnit.NANOSECONDS,
                        () -> channel.control().pauseCount() > 0
                                && channel.control().pingRequested() <= pingAnswered);
                answerPingWhilePaused();
                return;
            }
            Inbound m = channel.receive(Math.min(nanos, SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (m != null) {
                dispatch(m);
            }
        } catch (UnreadableMessageException e) {
            if (e.endsIsolate()) {
                unreadable(e);
            }
            System.err.println("isolate " + arguments.debugName() + ": dropped a message it cannot read: " + e.getMessage());
        } catch (PeerGoneException e) {
            orderly = true;
            Runtime.getRuntime().halt(WorkerExitCodes.SUPERVISOR_GONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the newest ping the supervisor asked a paused isolate for, once. Event loop thread only. */
    private void answerPingWhilePaused() throws IOException {
        long id = channel.control().pingRequested();
        if (id > pingAnswered) {
            pingAnswered = id;
            channel.send(MessageKind.PONG, id, null);
        }
    }

    /** Reads the channel on the event loop thread until {@code future} completes or the deadline passes. */
    void pumpUntil(CompletableFuture<?> future, long deadline) throws InterruptedException {
        if (Thread.currentThread() != loop) {
            return; // another thread waits plainly; the event loop completes the future
        }
        while (!future.isDone() && System.nanoTime() - deadline < 0) {
            pumpOnce(Math.min(SLICE_NANOS, deadline - System.nanoTime()));
        }
    }

    private void dispatch(Inbound m) throws IOException {
        switch (m.kind()) {
            case RUN -> {
                mode = Mode.RUN;
                queueRun(m);
            }
            case RUN_BATCH -> {
                mode = Mode.RUN;
                try {
                    // decoded now, while the batch's memory (perhaps an arena slot) is held
                    RunBatch.read(m.body(), (index, correlation, body) ->
                            queueRun(new Inbound(MessageKind.RUN, correlation, m.target(), body, null)));
                } finally {
                    channel.release(m);
                }
            }
            case START -> {
                mode = Mode.SPAWNED;
                StartRequest start = (StartRequest) channel.decode(m);
                events.add(() -> {
                    try {
                        start.entryPoint().start(start.message());
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception e) {
                        throw new EntryPointException(e);
                    }
                });
            }
            case PORT_MESSAGE -> {
                Object message;
                try {
                    message = channel.decode(m);
                } catch (UnreadableMessageException e) {
                    throw e;
                } catch (RuntimeException e) {
                    System.err.println("isolate " + arguments.debugName() + ": dropped a message it cannot read: " + e);
                    return;
                }
                deliverLocal(m.correlation(), message);
            }
            case CONTROL_REPLY -> {
                Object reply = channel.decode(m);
                CompletableFuture<Object> f = pending.remove(m.correlation());
                if (f != null) {
                    if (reply instanceof RemoteFailure failure) {
                        f.completeExceptionally(FailureRebuilder.rebuild(failure, WorkerRuntime.class.getClassLoader()));
                    } else {
                        f.complete(reply);
                    }
                }
            }
            case PING -> {
                channel.release(m);
                channel.send(MessageKind.PONG, m.correlation(), null);
            }
            case ECHO -> channel.send(MessageKind.ECHO, m.correlation(), channel.decode(m));
            case SHUTDOWN -> {
                channel.release(m);
                orderly = true;
                System.exit(0);
            }
            default -> channel.release(m);
        }
    }

    /** Decodes a RUN and queues its computation; one that cannot be read is answered in its turn. */
    private void queueRun(Inbound m) throws IOException {
        long correlation = m.correlation();
        Object computation;
        try {
            computation = channel.decode(m);
        } catch (RuntimeException e) {
            if (e instanceof UnreadableMessageException u && u.endsIsolate()) {
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(e));
                unreadable(u); // the task has its answer; this JVM is in doubt
                return;
            }
            // after the computations queued before it: the pool takes answers in the order it sent tasks
            events.add(() -> answerFailure(correlation, e));
            return;
        }
        events.add(() -> runComputation(correlation, (IsolateCallable<?>) computation));
    }

    private void answerFailure(long correlation, Throwable failure) {
        try {
            channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(failure));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runEvent(Runnable event) {
        try {
            event.run();
            Thread.interrupted(); // an interrupt the event left behind would make every park return at once
        } catch (VirtualMachineError e) {
            fatal(e);
        } catch (Throwable t) {
            uncaught(t instanceof EntryPointException ep ? ep.getCause() : t);
        }
    }

    private void runComputation(long correlation, IsolateCallable<?> computation) {
        Object result;
        try {
            try {
                result = computation.call();
            } catch (VirtualMachineError e) {
                fatal(e);
                return;
            } catch (Throwable t) {
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(t));
                return;
            }
            try {
                channel.send(MessageKind.RESULT, correlation, result);
            } catch (UnsendableObjectException e) {
                channel.send(MessageKind.UNSENDABLE, correlation, UnsendableReport.of("result", e));
            } catch (InsufficientSpaceException e) {
                // The result did not fit: the call fails, the isolate goes on.
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(SendFailures.diskFull("the result", e)));
            } catch (IOException e) {
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(e));
            }
        } catch (InsufficientSpaceException e) {
            diskFull(e); // the caller waits for an answer: ending the isolate is the answer it can get
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the isolate because it cannot write to its channel for want of room, saying so (with the
     * file and sizes) on stderr, which the supervisor reads when it classifies the exit.
     */
    private void diskFull(InsufficientSpaceException e) {
        System.err.println(WorkerExitCodes.DISK_FULL_MARK + e.getMessage());
        orderly = true;
        Runtime.getRuntime().halt(WorkerExitCodes.DISK_FULL);
    }

    /** An error no code of the isolate caught: tell the error listeners; end the isolate if errors are fatal. */
    private void uncaught(Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        System.err.println("isolate " + arguments.debugName() + ": uncaught " + stack);
        try {
            channel.send(MessageKind.UNCAUGHT, 0, new IsolateError(t.getClass().getName(), t.getMessage(),
                    stack.toString()));
        } catch (IOException | RuntimeException e) {
            System.err.println("isolate " + arguments.debugName() + ": could not report the error: " + e);
        }
        if (channel.control().errorsFatal()) {
            end("uncaught " + t.getClass().getSimpleName(), WorkerExitCodes.UNCAUGHT_ERROR);
        }
    }

    /** A VirtualMachineError leaves the JVM in doubt: report it, then end the isolate. */
    private void fatal(VirtualMachineError e) {
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        System.err.println("isolate " + arguments.debugName() + ": " + e);
        orderly = true;
        notice(e.getClass().getSimpleName(), stack.toString());
        Runtime.getRuntime().halt(WorkerExitCodes.FATAL_ERROR);
    }

    /** Decoding a message from the supervisor met an Error: say so, then end, rather than read on in doubt. */
    private void unreadable(UnreadableMessageException e) {
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        System.err.println("isolate " + arguments.debugName() + ": " + e.getMessage() + "; ending");
        orderly = true;
        notice(UNREADABLE, stack.toString());
        Runtime.getRuntime().halt(WorkerExitCodes.FATAL_ERROR);
    }

    private void checkKill() {
        if (channel.control().killRequested()) {
            end("killed", WorkerExitCodes.KILLED);
        }
    }

    /**
     * Tells the supervisor why, then ends the JVM at once. An abnormal end that cannot even be told
     * for want of room ends as {@link WorkerExitCodes#DISK_FULL}, which the supervisor can name.
     */
    private void end(String reason, int exitCode) {
        orderly = true;
        Exception untold = notice(reason, "");
        if (exitCode != 0 && untold instanceof InsufficientSpaceException full) {
            diskFull(full);
        }
        Runtime.getRuntime().halt(exitCode);
    }

    /** Sends the exit notice; returns why it could not, or null. */
    private Exception notice(String reason, String detail) {
        try {
            channel.send(MessageKind.EXITING, 0, new ExitNotice(reason, detail));
            return null;
        } catch (IOException | RuntimeException e) {
            System.err.println("isolate " + arguments.debugName() + ": could not tell the supervisor why it ends: " + e);
            return e;
        }
    }

    // ---- IsolateRuntime ----

    @Override
    protected void send(PortAddress target, Object message) {
        if (target.isolate() == id && Thread.currentThread() == loop) {
            deliverLocal(target.port(), copy(message));
            return;
        }
        sendThroughChannel(target, message);
    }

    /** Sends a port message through the supervisor, which routes it to the port's isolate. */
    private void sendThroughChannel(PortAddress target, Object message) {
        try {
            channel.send(MessageKind.PORT_MESSAGE, target.port(), target.isolate(), message);
        } catch (UnsendableObjectException e) {
            throw SendFailures.unsendable("message", e);
        } catch (InsufficientSpaceException e) {
            throw SendFailures.diskFull("a message from isolate \"" + arguments.debugName() + "\"", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected boolean spinsForDelivery() {
        return Thread.currentThread() != loop; // the loop delivers by reading the channel itself
    }

    @Override
    protected void runOnEventLoop(Runnable event) {
        events.add(event);
    }

    @Override
    protected void awaitDelivery(PortInbox inbox, long nanos) throws InterruptedException {
        if (Thread.currentThread() == loop) {
            pumpOnce(nanos); // the loop itself reads: a message for this port lands in its inbox
        } else {
            inbox.awaitLocally(nanos);
        }
    }

    @Override
    public <M> CompletableFuture<Isolate> spawn(IsolateEntryPoint<M> entryPoint, M message, IsolateOptions options) {
        byte[] start;
        try (Output out = new Output(4096, -1)) {
            @SuppressWarnings("unchecked")
            StartRequest request = new StartRequest((IsolateEntryPoint<Object>) entryPoint, message);
            codec.encode(request, out);
            start = out.toBytes();
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("spawn", e));
        }
        ControlRequest request = new ControlRequest(ControlOp.SPAWN, 0, SpawnSpec.of(options), null, start);
        return send(request).thenApply(info -> ApiBridge.isolate(new RemoteIsolateHandle((SpawnedInfo) info, this)));
    }

    /** Sends a lifecycle request and returns the future its answer completes. */
    CompletableFuture<Object> request(ControlOp op, int target, Object argument, Object response) {
        return send(new ControlRequest(op, target, argument, response, null));
    }

    /** Sends a lifecycle request that gets no answer. */
    void tell(ControlOp op, int target, Object argument, Object response) {
        try {
            channel.send(MessageKind.CONTROL, 0, new ControlRequest(op, target, argument, response, null));
        } catch (UnsendableObjectException e) {
            throw SendFailures.unsendable("request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Object> send(ControlRequest request) {
        long correlation = nextCorrelation.incrementAndGet();
        PumpingFuture<Object> reply = new PumpingFuture<>(this);
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

    @Override
    public void exit(SendPort port, Object message) {
        sendThroughChannel((PortAddress) port, message);
        end("Isolate.exit", 0);
    }

    @Override
    public Isolate currentIsolate() {
        return ApiBridge.isolate(new RemoteIsolateHandle(new SpawnedInfo(id, ProcessHandle.current().pid(),
                arguments.debugName()), this));
    }

    @Override
    public TransferBacking allocateTransfer(long size) {
        TransferArena arena = channel.outboundArena();
        try {
            return TransferBacking.inArena(arena, arena.allocate(size), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate " + size + " bytes in " + arena.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Carries a checked exception out of an entry point to the error listeners. */
    private static final class EntryPointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EntryPointException(Exception cause) {
            super(cause);
        }
    }
}
