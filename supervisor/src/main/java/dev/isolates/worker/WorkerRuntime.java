package dev.isolates.worker;

import dev.isolates.Isolate;
import dev.isolates.IsolateCallable;
import dev.isolates.IsolateEntryPoint;
import dev.isolates.IsolateOptions;
import dev.isolates.SendPort;
import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.protocol.ExitReason;
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
import dev.isolates.runtime.ApiBridge;
import dev.isolates.runtime.ControlOp;
import dev.isolates.runtime.ControlRequest;
import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.runtime.PortAddress;
import dev.isolates.runtime.PortInbox;
import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.SpawnSpec;
import dev.isolates.runtime.SpawnedInfo;
import dev.isolates.runtime.StartRequest;
import dev.isolates.runtime.TransferBacking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A spawned isolate's runtime, in its worker JVM or, in-process, on a thread of the supervisor's
 * JVM. Its event loop runs on the worker's main thread (the in-process isolate's own thread): it
 * runs one event at a time (the entry point, a listener's message, a computation), and between
 * events reads the channel, honouring the lifecycle words (pause, kill) the supervisor sets. A
 * spawned isolate ends when its entry point has returned and it has no open receive port.
 *
 * <p>Sends are safe from any thread; reading the channel happens on the event loop thread only.
 */
final class WorkerRuntime extends IsolateRuntime {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private enum Mode { WAITING, RUN, SPAWNED }

    private final IsolateChannel channel;
    private final WorkerArguments arguments;
    private final KryoCodec codec;
    private final int id;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final LifecycleRequests requests;
    private final WorkerExit exit;
    private final Computations computations;
    private Mode mode = Mode.WAITING;
    /** The newest ping answered while paused; event loop thread only. */
    private long pingAnswered;

    WorkerRuntime(IsolateChannel channel, WorkerArguments arguments, KryoCodec codec, IsolateEnding ending) {
        this.channel = channel;
        this.arguments = arguments;
        this.codec = codec;
        this.id = dev.isolates.protocol.IsolatePaths.of(arguments.isolateDir()).id();
        this.loop = Thread.currentThread();
        this.requests = new LifecycleRequests(channel, () -> new PumpingFuture<>(this));
        this.exit = new WorkerExit(channel, arguments.debugName(), ending);
        this.computations = new Computations(channel, exit);
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
        exit.tellUnchosenEnds();
        while (true) {
            checkKill();
            // A message read in the moment the isolate was paused waits here too: none runs while paused.
            Runnable event = channel.control().pauseCount() > 0 ? null : events.poll();
            if (event != null) {
                runEvent(event);
                continue;
            }
            if (mode == Mode.SPAWNED && events.isEmpty() && openPorts() == 0 && requests.noneWaiting()) {
                exit.end(ExitReason.COMPLETED, "");
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
                exit.unreadable(e);
            }
            System.err.println("isolate " + arguments.debugName() + ": dropped a message it cannot read: " + e.getMessage());
        } catch (PeerGoneException e) {
            exit.supervisorGone();
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
            case CONTROL_REPLY -> requests.answered(m.correlation(), channel.decode(m));
            case PING -> {
                channel.release(m);
                channel.send(MessageKind.PONG, m.correlation(), null);
            }
            case ECHO -> channel.send(MessageKind.ECHO, m.correlation(), channel.decode(m));
            case SHUTDOWN -> {
                channel.release(m);
                exit.shutDown();
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
                exit.unreadable(u); // the task has its answer; this JVM is in doubt
                return;
            }
            // after the computations queued before it: the pool takes answers in the order it sent tasks
            events.add(() -> computations.answerFailure(correlation, e));
            return;
        }
        events.add(() -> computations.run(correlation, (IsolateCallable<?>) computation));
    }

    private void runEvent(Runnable event) {
        try {
            event.run();
            Thread.interrupted(); // an interrupt the event left behind would make every park return at once
        } catch (IsolateThreadEnd e) {
            throw e;
        } catch (VirtualMachineError e) {
            exit.fatal(e);
        } catch (Throwable t) {
            exit.endIfKilled(); // in-process, a kill interrupts the event: what it threw then is the kill's
            exit.uncaught(t instanceof EntryPointException ep ? ep.getCause() : t);
        }
    }

    private void checkKill() {
        exit.checkEnded();
        exit.endIfKilled();
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
        if (exit.ended()) {
            return; // in-process, finally blocks run as the ended isolate's thread unwinds: a dead isolate sends nothing
        }
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
        try {
            @SuppressWarnings("unchecked")
            StartRequest request = new StartRequest((IsolateEntryPoint<Object>) entryPoint, message);
            start = codec.encode(request);
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("spawn", e));
        }
        ControlRequest request = new ControlRequest(ControlOp.SPAWN, 0, SpawnSpec.of(options), null, start);
        return requests.request(request).thenApply(info -> ApiBridge.isolate(new RemoteIsolateHandle((SpawnedInfo) info, this)));
    }

    /** Sends a lifecycle request and returns the future its answer completes. */
    CompletableFuture<Object> request(ControlOp op, int target, Object argument, Object response) {
        return requests.request(new ControlRequest(op, target, argument, response, null));
    }

    /** Sends a lifecycle request that gets no answer. */
    void tell(ControlOp op, int target, Object argument, Object response) {
        requests.tell(new ControlRequest(op, target, argument, response, null));
    }

    @Override
    public void exit(SendPort port, Object message) {
        sendThroughChannel((PortAddress) port, message);
        exit.end(ExitReason.ISOLATE_EXIT, "");
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
