package dev.isolates.supervisor;

import dev.isolates.IsolateError;
import dev.isolates.IsolateExit;
import dev.isolates.SendPort;
import dev.isolates.events.IsolateEndedEvent;
import dev.isolates.launcher.InProcessWorker;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.launcher.SandboxSpec;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolateControl;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.MessageKind;
import dev.isolates.runtime.FailureRebuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running isolate seen from the supervisor: its JVM (or, in-process, its thread), the supervisor's end of its channel, its exit
 * and error listeners, and the reader thread that routes what it sends (port messages, lifecycle
 * requests, uncaught errors) and hands the rest to the listener. When the JVM is gone the reader
 * says how it ended, tells the exit listeners, and cleans up its files. The parts are their own
 * types: {@link IsolateHost}, {@link IsolateReader}, {@link IsolateFiles}, {@link PendingPings},
 * {@link ExitListeners}, {@link ErrorListeners}.
 *
 * <p>{@link #send}, {@link #kill()}, {@link #shutdown()} and the listener methods are safe from any thread.
 */
final class IsolateProcess {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateProcess.class);

    /** Its name in errors; a prestarted isolate takes the name of the call that takes it. */
    private volatile String debugName;
    private final IsolateChannel channel;
    private final IsolatePaths paths;
    private final IsolateHost jvm;
    private final IsolateFiles files;
    private final IsolateReader reader;
    private final Session session;
    private final boolean untrusted;
    private final SandboxSpec sandbox;
    private final long maxMessageSize;
    /** The isolate that asked for this one, or null when the main isolate did. */
    private volatile IsolateProcess spawner;
    private final ExitListeners exitListeners;
    private final ErrorListeners errorListeners;
    private final PendingPings pendingPings = new PendingPings();
    /** Completes once the isolate's files are deleted, after its exit listener has run. */
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    // dispatch answers a PONG on these two directly
    private volatile IsolateListener listener;
    private volatile ExitNotice notice;
    private volatile boolean orderly;
    private volatile boolean supervisorExiting;
    /** What made the supervisor stop reading this isolate and end it; null while all is well. */
    private volatile Throwable readFailure;
    private boolean readerStarted;

    IsolateProcess(String debugName, LaunchedWorker worker, Path supervisorArena, Path workerArena, Session session,
                   boolean untrusted, SandboxSpec sandbox, long maxMessageSize) {
        this(debugName, worker.channel(), worker.paths(), new IsolateJvm(worker, debugName), supervisorArena,
                workerArena, session, untrusted, sandbox, maxMessageSize);
    }

    /** An in-process isolate: its thread in this JVM stands for the JVM. */
    IsolateProcess(String debugName, InProcessWorker worker, Path supervisorArena, Path workerArena, Session session,
                   long maxMessageSize) {
        this(debugName, worker.channel(), worker.paths(), new IsolateThread(worker, debugName, session),
                supervisorArena, workerArena, session, false, SandboxSpec.NONE, maxMessageSize);
    }

    private IsolateProcess(String debugName, IsolateChannel channel, IsolatePaths paths, IsolateHost host,
                           Path supervisorArena, Path workerArena, Session session, boolean untrusted,
                           SandboxSpec sandbox, long maxMessageSize) {
        this.untrusted = untrusted;
        this.sandbox = sandbox;
        this.maxMessageSize = maxMessageSize;
        this.debugName = debugName;
        this.channel = channel;
        this.paths = paths;
        this.jvm = host;
        this.files = new IsolateFiles(debugName, channel, paths, host, supervisorArena, workerArena, session.arenas());
        this.exitListeners = new ExitListeners(debugName);
        this.errorListeners = new ErrorListeners(debugName);
        this.reader = new IsolateReader(debugName, channel, jvm, this::dispatch, this::stopReading, this::finish);
        this.session = session;
    }

    /**
     * Messages go to {@code listener} from now on; the first call starts the reader thread, later
     * ones hand the isolate to a new listener (a prestarted isolate to the call that takes it).
     */
    synchronized void start(IsolateListener listener) {
        this.listener = listener;
        if (!readerStarted) {
            readerStarted = true;
            reader.start();
        }
    }

    /** The isolate's folder in the session directory: its queues, wake flags and doorbell. */
    Path directory() {
        return paths.root();
    }

    /** The isolate's number in the session. */
    int id() {
        return paths.id();
    }

    String debugName() {
        return debugName;
    }

    /**
     * Names the isolate {@code name} in the errors made from now on (a prestarted isolate taken by a
     * call with a name of its own); the parts it is made of (reader, files, listeners) and its
     * process keep the name it started with.
     */
    void rename(String name) {
        debugName = name;
    }

    /** True for a plugin's isolate: nothing it names is loaded here. */
    boolean untrusted() {
        return untrusted;
    }

    /** The sandbox its JVM runs in, or {@link SandboxSpec#NONE}. */
    SandboxSpec sandbox() {
        return sandbox;
    }

    /** Records that {@code parent} asked for this isolate; before {@code parent} hears it started. */
    void spawnedBy(IsolateProcess parent) {
        spawner = parent;
    }

    /** True if {@code parent} asked for this isolate. */
    boolean wasSpawnedBy(IsolateProcess parent) {
        return spawner == parent;
    }

    /** The largest message it may send. */
    long maxMessageSize() {
        return maxMessageSize;
    }

    /** An exception the isolate reported, as its own class if this side may and can rebuild it. */
    Throwable rebuild(dev.isolates.protocol.RemoteFailure failure) {
        return untrusted ? FailureRebuilder.remote(failure) : FailureRebuilder.rebuild(failure, classLoader());
    }

    private static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : IsolateProcess.class.getClassLoader();
    }

    long pid() {
        return jvm.pid();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** The last lines the isolate wrote to stderr. */
    String stderrTail() {
        return jvm.stderrTail();
    }

    /** The JVM's fatal-error report, if it crashed and left one; known once it has ended. */
    Optional<Path> crashReport() {
        return jvm.crashReport();
    }

    /** Waits up to {@code millis} until all the JVM wrote to stdout has been passed on. */
    void awaitOutput(long millis) {
        jvm.awaitOutput(millis);
    }

    /** Completes once the JVM is gone and its listeners were told. */
    CompletableFuture<IsolateExit> exited() {
        return exitListeners.exited();
    }

    /** The isolate's shared lifecycle words. */
    IsolateControl control() {
        return channel.control();
    }

    /** Wakes the worker if it is parked, so it sees changed lifecycle words. */
    void nudge() {
        channel.nudge();
    }

    /** Encodes and sends one message; throws {@link dev.isolates.protocol.UnsendableObjectException} first if it cannot be sent. */
    void send(MessageKind kind, long correlation, Object body) throws IOException {
        channel.send(kind, correlation, id(), body);
    }

    /** Passes on a body encoded elsewhere, unread. */
    void forward(MessageKind kind, long correlation, ByteBuffer body) throws IOException {
        channel.forward(kind, correlation, id(), body);
    }

    /** See {@link IsolateReader#decode}: a body that met an {@link Error} also ends the isolate. */
    Object decode(Inbound message) {
        return reader.decode(message);
    }

    /** Throws if the body is over this isolate's message size limit; for bodies passed on unread. */
    void refuseOversized(Inbound message) {
        channel.refuseOversized(message);
    }

    /**
     * What made the supervisor end this isolate because it could not read what the isolate sent,
     * or null.
     */
    Throwable readFailure() {
        return readFailure;
    }

    private void stopReading(Throwable failure) {
        if (readFailure == null) {
            readFailure = failure;
        }
        LOG.warn("isolate {} (pid {}): {}; ending it", debugName, pid(), failure.toString());
        kill();
    }

    /** Frees a message's arena slot without reading it. */
    void release(Inbound message) {
        channel.release(message);
    }

    /** Asks the isolate to end in order; kills it if it has not within the grace period. */
    void shutdown() {
        orderly = true;
        try {
            send(MessageKind.SHUTDOWN, 0, null);
        } catch (IOException | RuntimeException e) {
            LOG.debug("isolate {} could not be asked to end; killing it", debugName, e);
            kill();
            return;
        }
        jvm.killUnlessEndedInGrace(session);
    }

    /** Kills the JVM and the processes below it at once (SIGKILL). */
    void kill() {
        jvm.kill();
    }

    /** Kills the processes the isolate started that outlived its JVM; call once the JVM has exited. */
    void endOrphans() {
        jvm.endOrphans();
    }

    /** Waits up to {@code nanos} for the isolate to end, as the supervisor exits. */
    void awaitExit(long nanos) {
        jvm.awaitExit(nanos);
    }

    /** True once the isolate was asked to end in order ({@link #shutdown()}): it is on its way out. */
    boolean endingInOrder() {
        return orderly;
    }

    /** Kills the isolate because its supervisor is exiting: an end nobody needs to hear of above DEBUG. */
    void killAsSupervisorExits() {
        supervisorExiting = true;
        kill();
    }

    /** Sends a PING; completes with the round trip when the event loop answers. */
    CompletableFuture<Duration> ping() {
        return pendingPings.send(id -> {
            send(MessageKind.PING, id, null);
            if (control().pauseCount() > 0) {
                // a paused isolate reads no message, but it answers the ping word; the queued PING
                // is answered again after resume, and that second PONG finds nothing to complete
                control().requestPing(id);
                nudge();
            }
        });
    }

    void addExitListener(SendPort port, Object response) {
        exitListeners.add(port, response);
    }

    void removeExitListener(SendPort port) {
        exitListeners.remove(port);
    }

    void addErrorListener(SendPort port) {
        errorListeners.add(port);
    }

    void removeErrorListener(SendPort port) {
        errorListeners.remove(port);
    }

    private void dispatch(Inbound m) {
        switch (m.kind()) {
            case EXITING -> notice = (ExitNotice) decode(m);
            case PORT_MESSAGE -> MainRuntime.get().route(this, m);
            case CONTROL -> MainRuntime.get().control(this, m);
            case UNCAUGHT -> reportError((IsolateError) decode(m));
            case PONG -> {
                release(m);
                pendingPings.answered(m.correlation());
            }
            case RESULT, FAILURE, UNSENDABLE -> listener.onAnswer(this, answer(m));
            default -> release(m); // nothing else is sent to the supervisor
        }
    }

    /** Decodes an answer once, releasing its frame; a body that cannot be read is an answer too. */
    private Answer answer(Inbound m) {
        Object body;
        try {
            body = decode(m);
        } catch (RuntimeException e) {
            return Answer.unreadable(m.correlation(), Failures.describe(this), untrusted, e);
        }
        return Answer.of(m.kind(), m.correlation(), body, this::rebuild);
    }

    private void reportError(IsolateError error) {
        errorListeners.report(error);
    }

    /** Runs last on the reader thread: says how the JVM ended, tells the listeners, frees what it held. */
    private void finish() {
        IsolateExit exit = jvm.awaitEnd(notice, orderly, readFailure != null);
        IsolateEndedEvent ended = new IsolateEndedEvent();
        if (ended.shouldCommit()) {
            ended.pid = pid();
            ended.debugName = debugName;
            ended.exitCode = exit.exitCode();
            ended.signal = exit.signal().orElse(0);
            ended.reason = exit.reason();
            ended.commit();
        }
        if (ExitClassifier.isNormal(exit.reason()) || supervisorExiting) {
            LOG.debug("isolate {} (pid {}) ended: {}", debugName, pid(), exit.reason());
        } else {
            LOG.info("isolate {} (pid {}) died: {} (exit code {})", debugName, pid(), exit.reason(), exit.exitCode());
        }
        try {
            listener.onExit(this, exit);
        } finally {
            cleanUp(exit);
            exitListeners.end(exit, () -> pendingPings.end(() -> new dev.isolates.IsolateException("isolate \""
                    + debugName + "\" (pid " + pid() + ") ended before it answered the ping")));
        }
    }

    private void cleanUp(IsolateExit exit) {
        try {
            session.forget(this, exit); // first: no router or caller finds this isolate while its channel closes
            files.release();
        } finally {
            released.complete(null);
        }
    }

    /**
     * Completes once this isolate has ended and its files (queues, arenas) are deleted: an isolate
     * started to replace it after that finds their room free, which on a full file system is the
     * room it needs to start.
     */
    CompletableFuture<Void> released() {
        return released;
    }
}
