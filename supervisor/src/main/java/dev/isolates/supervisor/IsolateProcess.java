package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.PeerGoneException;
import dev.isolates.protocol.SessionDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running isolate seen from the supervisor: its JVM, the supervisor's end of its channel, and the
 * reader thread that hands each message to the listener and, when the JVM is gone, says how it
 * ended and cleans up its files.
 *
 * <p>{@link #send}, {@link #kill()} and {@link #shutdown()} are safe from any thread.
 */
final class IsolateProcess {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateProcess.class);
    /** How long a JVM may take to exit after its channel closed, or after SHUTDOWN, before it is killed. */
    static final long EXIT_GRACE_MILLIS = 5_000;

    private final String debugName;
    private final LaunchedWorker worker;
    private final Path supervisorArena;
    private final Path workerArena;
    private final Session session;
    private volatile IsolateListener listener;
    private volatile ExitNotice notice;
    private volatile boolean orderly;

    IsolateProcess(String debugName, LaunchedWorker worker, Path supervisorArena, Path workerArena, Session session) {
        this.debugName = debugName;
        this.worker = worker;
        this.supervisorArena = supervisorArena;
        this.workerArena = workerArena;
        this.session = session;
    }

    /** Starts the reader thread; messages go to {@code listener} from now on. */
    void start(IsolateListener listener) {
        this.listener = listener;
        Thread reader = new Thread(this::read, "isolate-reader-" + debugName);
        reader.setDaemon(true);
        reader.start();
    }

    String debugName() {
        return debugName;
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

    /** Encodes and sends one message; throws {@link dev.isolates.protocol.UnsendableObjectException} first if it cannot be sent. */
    void send(MessageKind kind, long correlation, Object body) throws IOException {
        worker.channel().send(kind, correlation, body);
    }

    /** Decodes a message's body and frees its arena slot. */
    Object decode(Inbound message) {
        return worker.channel().decode(message);
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

    private void read() {
        try {
            while (true) {
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
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading from isolate {} (pid {}) failed; killing it", debugName, pid(), e);
            kill();
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
        if (m.kind() == MessageKind.EXITING) {
            notice = (ExitNotice) decode(m);
            return;
        }
        listener.onMessage(this, m);
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
        worker.exited(exitCode);
        worker.stderr().awaitEnd(2_000);
        IsolateExit exit = ExitClassifier.classify(exitCode, notice, orderly, worker.stderr().lines());
        if (ExitClassifier.COMPLETED.equals(exit.reason())) {
            LOG.debug("isolate {} (pid {}) ended", debugName, pid());
        } else {
            LOG.info("isolate {} (pid {}) died: {} (exit code {})", debugName, pid(), exit.reason(), exitCode);
        }
        try {
            listener.onExit(this, exit);
        } finally {
            cleanUp();
        }
    }

    private void cleanUp() {
        try {
            worker.channel().inboundArena().reclaim();
            worker.channel().outboundArena().reclaim();
            worker.channel().close();
            SessionDirectory.deleteTree(worker.paths().root());
            session.arenas().giveBack(supervisorArena);
            session.arenas().giveBack(workerArena);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean up after isolate {}: {}", debugName, e.toString());
        } finally {
            session.forget(this);
        }
    }
}
