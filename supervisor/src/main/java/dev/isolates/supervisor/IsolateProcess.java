package dev.isolates.supervisor;

import dev.isolates.IsolateError;
import dev.isolates.IsolateExit;
import dev.isolates.SendPort;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateControl;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.PeerGoneException;
import dev.isolates.protocol.SessionDirectory;
import dev.isolates.protocol.UnreadableMessageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running isolate seen from the supervisor: its JVM, the supervisor's end of its channel, its exit
 * and error listeners, and the reader thread that routes what it sends (port messages, lifecycle
 * requests, uncaught errors) and hands the rest to the listener. When the JVM is gone the reader
 * says how it ended, tells the exit listeners, and cleans up its files.
 *
 * <p>{@link #send}, {@link #kill()}, {@link #shutdown()} and the listener methods are safe from any thread.
 */
final class IsolateProcess {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateProcess.class);
    /** How long a JVM may take to exit after its channel closed, or after SHUTDOWN, before it is killed. */
    static final long EXIT_GRACE_MILLIS = 5_000;
    /**
     * The reader thread's stack: decoding recurses once per level of nesting, so it must hold
     * {@link KryoCodec#MAX_DEPTH} levels of any serializer whatever this JVM's {@code -Xss}.
     */
    static final long READER_STACK_BYTES = 16L * 1024 * 1024;

    private final String debugName;
    private final LaunchedWorker worker;
    private final Path supervisorArena;
    private final Path workerArena;
    private final Session session;
    private final boolean untrusted;
    private final CompletableFuture<IsolateExit> exited = new CompletableFuture<>();
    private final Map<SendPort, Object> exitListeners = new LinkedHashMap<>();
    private final List<SendPort> errorListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> pings = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Duration>> pingReplies = new ConcurrentHashMap<>();
    private final AtomicLong nextPing = new AtomicLong();
    private volatile IsolateListener listener;
    private volatile ExitNotice notice;
    private volatile boolean orderly;
    private volatile boolean supervisorExiting;
    /** The JVM's fatal-error report, once it is known to have left one. */
    private volatile Path crashReport;
    /** What made the supervisor stop reading this isolate and end it; null while all is well. */
    private volatile Throwable readFailure;
    private boolean readerStarted;
    /** Guarded by {@code exitListeners}: the isolate has ended and its listeners were taken. */
    private boolean ended;

    IsolateProcess(String debugName, LaunchedWorker worker, Path supervisorArena, Path workerArena, Session session,
                   boolean untrusted) {
        this.untrusted = untrusted;
        this.debugName = debugName;
        this.worker = worker;
        this.supervisorArena = supervisorArena;
        this.workerArena = workerArena;
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
            Thread reader = new Thread(null, this::read, "isolate-reader-" + debugName, READER_STACK_BYTES);
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The isolate's folder in the session directory: its queues, wake flags and doorbell. */
    Path directory() {
        return worker.paths().root();
    }

    /** The isolate's number in the session. */
    int id() {
        return worker.paths().id();
    }

    String debugName() {
        return debugName;
    }

    /** True for a plugin's isolate: nothing it names is loaded here. */
    boolean untrusted() {
        return untrusted;
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
        return worker.process().pid();
    }

    boolean isAlive() {
        return worker.process().isAlive();
    }

    /** The last lines the isolate wrote to stderr. */
    String stderrTail() {
        return worker.stderr().text();
    }

    /** The JVM's fatal-error report, if it crashed and left one; known once it has ended. */
    java.util.Optional<Path> crashReport() {
        return java.util.Optional.ofNullable(crashReport);
    }

    /** Waits up to {@code millis} until all the JVM wrote to stdout has been passed on. */
    void awaitOutput(long millis) {
        worker.stdout().awaitEnd(millis);
    }

    /** Completes once the JVM is gone and its listeners were told. */
    CompletableFuture<IsolateExit> exited() {
        return exited;
    }

    /** The isolate's shared lifecycle words. */
    IsolateControl control() {
        return worker.channel().control();
    }

    /** Wakes the worker if it is parked, so it sees changed lifecycle words. */
    void nudge() {
        worker.channel().nudge();
    }

    /** Encodes and sends one message; throws {@link dev.isolates.protocol.UnsendableObjectException} first if it cannot be sent. */
    void send(MessageKind kind, long correlation, Object body) throws IOException {
        worker.channel().send(kind, correlation, id(), body);
    }

    /** Passes on a body encoded elsewhere, unread. */
    void forward(MessageKind kind, long correlation, ByteBuffer body) throws IOException {
        worker.channel().forward(kind, correlation, id(), body);
    }

    /**
     * Decodes a message's body and frees its arena slot. A body that could not be read because
     * decoding met an {@link Error} also ends the isolate: its pending work fails, a pool replaces it.
     *
     * @throws UnreadableMessageException if the body was refused or could not be read
     */
    Object decode(Inbound message) {
        try {
            return worker.channel().decode(message);
        } catch (UnreadableMessageException e) {
            if (e.endsIsolate()) {
                stopReading(e);
            }
            throw e;
        }
    }

    /** Throws if the body is over this isolate's message size limit; for bodies passed on unread. */
    void refuseOversized(Inbound message) {
        worker.channel().refuseOversized(message);
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
        worker.channel().release(message);
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
        session.scheduleOnce(EXIT_GRACE_MILLIS, () -> {
            if (isAlive()) {
                LOG.warn("isolate {} (pid {}) did not end within {} ms of being asked; killing it", debugName, pid(),
                        EXIT_GRACE_MILLIS);
                kill();
            }
        });
    }

    /** Kills the JVM at once (SIGKILL). */
    void kill() {
        worker.process().destroyForcibly();
    }

    /** Kills the isolate because its supervisor is exiting: an end nobody needs to hear of above DEBUG. */
    void killAsSupervisorExits() {
        supervisorExiting = true;
        kill();
    }

    /** Sends a PING; completes with the round trip when the event loop answers. */
    CompletableFuture<Duration> ping() {
        long id = nextPing.incrementAndGet();
        CompletableFuture<Duration> reply = new CompletableFuture<>();
        pingReplies.put(id, reply);
        pings.put(id, System.nanoTime());
        try {
            send(MessageKind.PING, id, null);
            if (control().pauseCount() > 0) {
                // a paused isolate reads no message, but it answers the ping word; the queued PING
                // is answered again after resume, and that second PONG finds nothing to complete
                control().requestPing(id);
                nudge();
            }
        } catch (IOException | RuntimeException e) {
            pingReplies.remove(id);
            pings.remove(id);
            reply.completeExceptionally(e);
        }
        if (exited.isDone()) {
            failPings();
        }
        return reply;
    }

    void addExitListener(SendPort port, Object response) {
        synchronized (exitListeners) {
            if (!ended) {
                exitListeners.put(port, response);
                return;
            }
        }
        port.send(response); // it has already ended
    }

    void removeExitListener(SendPort port) {
        synchronized (exitListeners) {
            exitListeners.remove(port);
        }
    }

    void addErrorListener(SendPort port) {
        errorListeners.add(port);
    }

    void removeErrorListener(SendPort port) {
        errorListeners.remove(port);
    }

    private void read() {
        try {
            while (true) {
                Thread.interrupted(); // a listener may leave this thread interrupted: parking must still park
                Inbound m;
                try {
                    m = worker.channel().receive(1, TimeUnit.SECONDS);
                } catch (PeerGoneException gone) {
                    break;
                }
                if (m == null) {
                    if (!worker.process().isAlive()) {
                        drain();
                        break;
                    }
                    continue;
                }
                dispatch(m);
            }
        } catch (Throwable t) {
            // Whatever it is (an Error decoding a body, a fault reading mapped memory), the messages
            // after it would be lost: end the isolate, so its pending work fails and a pool replaces it.
            LOG.warn("reading from isolate {} (pid {}) failed; ending it", debugName, pid(), t);
            stopReading(t);
        }
        finish();
    }

    private void drain() throws IOException {
        Inbound m;
        while ((m = worker.channel().poll()) != null) {
            dispatch(m);
        }
    }

    private void dispatch(Inbound m) {
        switch (m.kind()) {
            case EXITING -> notice = (ExitNotice) decode(m);
            case PORT_MESSAGE -> MainRuntime.get().route(this, m);
            case CONTROL -> MainRuntime.get().control(this, m);
            case UNCAUGHT -> reportError((IsolateError) decode(m));
            case PONG -> {
                release(m);
                Long sent = pings.remove(m.correlation());
                CompletableFuture<Duration> reply = pingReplies.remove(m.correlation());
                if (sent != null && reply != null) {
                    reply.complete(Duration.ofNanos(System.nanoTime() - sent));
                }
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
        for (SendPort port : errorListeners) {
            try {
                port.send(error);
            } catch (RuntimeException e) {
                LOG.warn("could not tell {} of an error in isolate {}: {}", port, debugName, e.toString());
            }
        }
    }

    private void finish() {
        Process process = worker.process();
        int exitCode;
        try {
            if (!process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("isolate {} (pid {}) closed its channel but did not exit; killing it", debugName, pid());
                process.destroyForcibly();
                process.waitFor();
            }
            exitCode = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            exitCode = -1;
        }
        crashReport = worker.exited(exitCode).orElse(null);
        worker.stderr().awaitEnd(2_000);
        Throwable unread = readFailure;
        IsolateExit exit = unread != null ? ExitClassifier.unreadable(exitCode)
                : ExitClassifier.classify(exitCode, notice, orderly, worker.stderr().lines());
        if (ExitClassifier.isNormal(exit.reason()) || supervisorExiting) {
            LOG.debug("isolate {} (pid {}) ended: {}", debugName, pid(), exit.reason());
        } else {
            LOG.info("isolate {} (pid {}) died: {} (exit code {})", debugName, pid(), exit.reason(), exitCode);
        }
        try {
            listener.onExit(this, exit);
        } finally {
            cleanUp();
            tellExitListeners(exit);
        }
    }

    private void failPings() {
        for (Long id : List.copyOf(pingReplies.keySet())) {
            CompletableFuture<Duration> r = pingReplies.remove(id);
            pings.remove(id);
            if (r != null) {
                r.completeExceptionally(new dev.isolates.IsolateException("isolate \"" + debugName + "\" (pid "
                        + pid() + ") ended before it answered the ping"));
            }
        }
    }

    private void tellExitListeners(IsolateExit exit) {
        List<Map.Entry<SendPort, Object>> listeners;
        synchronized (exitListeners) {
            ended = true;
            listeners = new ArrayList<>(exitListeners.entrySet());
            exitListeners.clear();
        }
        exited.complete(exit); // outside the monitor: its callbacks are the callers' code
        failPings();
        for (Map.Entry<SendPort, Object> e : listeners) {
            try {
                e.getKey().send(e.getValue());
            } catch (RuntimeException ex) {
                LOG.warn("could not tell {} that isolate {} ended: {}", e.getKey(), debugName, ex.toString());
            }
        }
    }

    private void cleanUp() {
        session.forget(this); // first: no router or caller finds this isolate while its channel closes
        try {
            worker.channel().close(); // waits for a send in flight; later ones fail
            // The dead worker was the only reader of what the supervisor wrote: all of it is free now.
            worker.channel().outboundArena().reclaim();
            // What the worker wrote may still be read (a transferred buffer): free only half-written slots.
            worker.channel().inboundArena().reclaimAbandoned();
            boolean workerArenaFree = worker.channel().inboundArena().slotsInUse() == 0;
            SessionDirectory.deleteTree(worker.paths().root());
            session.arenas().giveBack(supervisorArena);
            if (workerArenaFree) {
                session.arenas().giveBack(workerArena);
            } else {
                Files.deleteIfExists(workerArena); // mappings of it stay valid until their buffers are freed
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean up after isolate {}: {}", debugName, e.toString());
        }
    }
}
