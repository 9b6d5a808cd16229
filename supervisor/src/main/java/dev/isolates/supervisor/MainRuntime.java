package dev.isolates.supervisor;

import dev.isolates.Isolate;
import dev.isolates.IsolateEntryPoint;
import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.KillPriority;
import dev.isolates.SendPort;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.runtime.ApiBridge;
import dev.isolates.runtime.ControlOp;
import dev.isolates.runtime.ControlRequest;
import dev.isolates.runtime.IsolateHandle;
import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.runtime.PortAddress;
import dev.isolates.runtime.PortInbox;
import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.SpawnSpec;
import dev.isolates.runtime.SpawnedInfo;
import dev.isolates.runtime.StartRequest;
import dev.isolates.runtime.TransferBacking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main isolate (number 0), in the supervisor's JVM. Besides its own ports and event loop it is
 * the hub: every worker's channel ends here, so it routes port messages between isolates (passing
 * bodies on unread), carries out lifecycle requests from workers, and starts spawned isolates.
 *
 * <p>Thread-safe. Listener handlers of its ports run on one event-loop thread.
 */
final class MainRuntime extends IsolateRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(MainRuntime.class);
    private static final IsolateListener SPAWNED = new IsolateListener() {
        @Override
        public void onAnswer(IsolateProcess isolate, Answer answer) {
            // a spawned isolate runs no task: it has nothing to answer
        }

        @Override
        public void onExit(IsolateProcess isolate, IsolateExit exit) {
        }
    };

    private final Session session;
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "isolate-main-event-loop");
        t.setDaemon(true);
        return t;
    });

    private MainRuntime(Session session) {
        this.session = session;
    }

    private static final class Holder {
        static final MainRuntime INSTANCE = new MainRuntime(Session.get());
    }

    static MainRuntime get() {
        return Holder.INSTANCE;
    }

    @Override
    protected int isolateId() {
        return 0;
    }

    @Override
    protected KryoCodec codec() {
        return session.codec();
    }

    @Override
    protected void send(PortAddress target, Object message) {
        if (target.isolate() == 0) {
            deliverLocal(target.port(), copy(message));
            return;
        }
        IsolateProcess to = session.process(target.isolate());
        if (to == null) {
            copy(message); // still refuse what cannot be sent; then drop it, as for any ended isolate
            return;
        }
        try {
            to.send(MessageKind.PORT_MESSAGE, target.port(), message);
        } catch (UnsendableObjectException e) {
            throw SendFailures.unsendable("message", e);
        } catch (InsufficientSpaceException e) {
            throw SendFailures.diskFull("a message to " + Failures.describe(to), e);
        } catch (IOException e) {
            if (e instanceof ClosedChannelException || !to.isAlive()) {
                LOG.debug("dropped a message for isolate {}, which has ended: {}", target.isolate(), e.toString());
                return;
            }
            throw new IsolateException("could not send a message to " + Failures.describe(to) + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void runOnEventLoop(Runnable event) {
        eventLoop.execute(() -> {
            try {
                event.run();
            } catch (RuntimeException | Error e) {
                LOG.error("a receive port listener in the main isolate threw", e);
            }
        });
    }

    @Override
    protected void awaitDelivery(PortInbox inbox, long nanos) throws InterruptedException {
        inbox.awaitLocally(nanos);
    }

    @Override
    public <M> CompletableFuture<Isolate> spawn(IsolateEntryPoint<M> entryPoint, M message, IsolateOptions options) {
        IsolateException missing = JvmOptionsCheck.failure();
        if (missing != null) {
            return CompletableFuture.failedFuture(missing);
        }
        byte[] start;
        try {
            start = encode(entryPoint, message);
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("spawn", e));
        }
        return spawn(SpawnSpec.of(options), start).thenApply(p -> ApiBridge.isolate(new ProcessIsolateHandle(p)));
    }

    @SuppressWarnings("unchecked")
    byte[] encode(IsolateEntryPoint<?> entryPoint, Object message) {
        return codec().encode(new StartRequest((IsolateEntryPoint<Object>) entryPoint, message));
    }

    /** Starts an isolate whose START body ({@code start}) was encoded by whoever asked for it. */
    CompletableFuture<IsolateProcess> spawn(SpawnSpec spec, byte[] start) {
        CompletableFuture<IsolateProcess> started = new CompletableFuture<>();
        session.starter().execute(() -> {
            String name = spec.debugName() != null ? spec.debugName() : session.nextName();
            IsolateProcess p;
            try {
                p = session.launch(spec.workerSpec(name, RunCall.START_TIMEOUT), spec.untrusted(),
                        spec.maxMessageSize());
            } catch (WorkerStartException | RuntimeException | Error e) {
                started.completeExceptionally(Failures.notStarted(name, e));
                return;
            }
            // All of these take effect before the entry point can run.
            p.control().errorsFatal(spec.errorsAreFatal());
            if (spec.paused()) {
                p.control().pause();
            }
            if (spec.onExitPort() != null) {
                p.addExitListener(spec.onExitPort(), spec.onExitResponse());
            }
            if (spec.onErrorPort() != null) {
                p.addErrorListener(spec.onErrorPort());
            }
            p.start(SPAWNED);
            try {
                p.forward(MessageKind.START, 0, ByteBuffer.wrap(start));
            } catch (IOException | RuntimeException e) {
                p.kill();
                started.completeExceptionally(new IsolateException("could not start the entry point of isolate \""
                        + name + "\" (pid " + p.pid() + "): " + e, e));
                return;
            }
            started.complete(p);
        });
        return started;
    }

    @Override
    public void exit(SendPort port, Object message) {
        throw new IllegalStateException("Isolates.exit ends a spawned isolate; the main isolate ends with its JVM "
                + "(System.exit)");
    }

    @Override
    public Isolate currentIsolate() {
        return ApiBridge.isolate(new MainIsolateHandle());
    }

    @Override
    public TransferBacking allocateTransfer(long size) {
        return TransferBacking.onHeap(size);
    }

    /** A port message from {@code from}: delivered here, or passed on unread to the isolate it is for. */
    void route(IsolateProcess from, Inbound m) {
        if (m.target() == 0) {
            Object message;
            try {
                message = from.decode(m);
            } catch (RuntimeException e) {
                LOG.warn("dropped a message from isolate {} that cannot be read here: {}", from.debugName(), e.toString());
                return;
            }
            deliverLocal(m.correlation(), message);
            return;
        }
        try {
            from.refuseOversized(m);
        } catch (UnreadableMessageException e) {
            LOG.warn("dropped a message from isolate {} to isolate {}: {}", from.debugName(), m.target(), e.getMessage());
            from.release(m);
            return;
        }
        try {
            IsolateProcess to = session.process(m.target());
            if (to != null && from.untrusted() && !to.untrusted()) {
                // a trusted isolate would decode it without the allow-list: only this JVM reads an untrusted one's messages
                LOG.warn("dropped a message from untrusted isolate {} to trusted isolate {}: an untrusted isolate may send"
                        + " to the main isolate's ports and to untrusted isolates only", from.debugName(), to.debugName());
            } else if (to != null) {
                to.forward(MessageKind.PORT_MESSAGE, m.correlation(), m.body());
            }
        } catch (InsufficientSpaceException e) {
            // the sender's send has returned: it cannot be told, so say it where a person sees it
            LOG.warn("dropped a message from isolate {} for isolate {}: {}", from.debugName(), m.target(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // the target is ending (its channel closed, its arena full): the message is dropped, the sender goes on
            LOG.debug("dropped a message for isolate {}: {}", m.target(), e.toString());
        } finally {
            from.release(m);
        }
    }

    /** An untrusted isolate controls (kills, pauses, watches) only itself and what it spawned. */
    private static boolean mayControl(IsolateProcess from, IsolateProcess target) {
        return !from.untrusted() || target == null || target == from || target.wasSpawnedBy(from);
    }

    /** What an isolate asked to spawn, no less confined than the isolate itself when that is untrusted. */
    private static SpawnSpec confined(IsolateProcess from, SpawnSpec asked) {
        return from.untrusted() ? asked.confinedLike(from.sandbox(), from.maxMessageSize()) : asked;
    }

    /** A lifecycle request from {@code from}; answered when its correlation is not 0. */
    void control(IsolateProcess from, Inbound m) {
        long correlation = m.correlation();
        ControlRequest r;
        try {
            r = (ControlRequest) from.decode(m);
        } catch (RuntimeException e) {
            reply(from, correlation, RemoteFailure.of(e));
            return;
        }
        IsolateProcess target = session.process(r.target());
        if (r.op() != ControlOp.SPAWN && !mayControl(from, target)) {
            reply(from, correlation, RemoteFailure.of(new IsolateException("untrusted isolate \"" + from.debugName()
                    + "\" may control only itself and the isolates it spawned, not isolate \"" + target.debugName()
                    + "\"")));
            return;
        }
        switch (r.op()) {
            case SPAWN -> spawn(confined(from, (SpawnSpec) r.argument()), r.payload()).whenComplete((p, e) -> {
                if (p != null) {
                    p.spawnedBy(from);
                }
                reply(from, correlation, e == null ? new SpawnedInfo(p.id(), p.pid(), p.debugName())
                        : RemoteFailure.of(unwrap(e)));
            });
            case WATCH_EXIT -> {
                if (target == null) {
                    reply(from, correlation, session.exitOf(r.target()));
                } else {
                    target.exited().thenAccept(exit -> reply(from, correlation, exit));
                }
            }
            case PING -> {
                if (target == null) {
                    reply(from, correlation, r.target() == 0 ? Duration.ZERO
                            : RemoteFailure.of(new IsolateException("isolate " + r.target() + " has ended")));
                } else {
                    target.ping().whenComplete((d, e) -> reply(from, correlation, e == null ? d : RemoteFailure.of(unwrap(e))));
                }
            }
            default -> {
                if (target != null) {
                    apply(new ProcessIsolateHandle(target), r);
                }
                reply(from, correlation, null);
            }
        }
    }

    private static void apply(IsolateHandle handle, ControlRequest r) {
        switch (r.op()) {
            case KILL -> handle.kill(KillPriority.IMMEDIATE);
            case KILL_BEFORE_NEXT_EVENT -> handle.kill(KillPriority.BEFORE_NEXT_EVENT);
            case PAUSE -> handle.pause();
            case RESUME -> handle.resume();
            case ADD_EXIT_LISTENER -> handle.addOnExitListener((SendPort) r.argument(), r.response());
            case REMOVE_EXIT_LISTENER -> handle.removeOnExitListener((SendPort) r.argument());
            case ADD_ERROR_LISTENER -> handle.addErrorListener((SendPort) r.argument());
            case REMOVE_ERROR_LISTENER -> handle.removeErrorListener((SendPort) r.argument());
            case SET_ERRORS_FATAL -> handle.setErrorsFatal((Boolean) r.argument());
            default -> throw new IllegalArgumentException("not a plain lifecycle request: " + r.op());
        }
    }

    private static void reply(IsolateProcess to, long correlation, Object value) {
        if (correlation == 0) {
            return;
        }
        try {
            to.send(MessageKind.CONTROL_REPLY, correlation, value);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not answer isolate {}: {}", to.debugName(), e.toString());
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
