package dev.isolates.worker;

import dev.isolates.IsolateError;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.ExitReason;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.UnreadableMessageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The ways a worker's isolate ends, each with its {@link ExitReason}: the notice that tells the
 * supervisor why, then the reason's exit code, which ends the JVM or, in-process, the isolate's
 * thread (see {@link IsolateEnding}). An end the worker did not choose ({@code System.exit} in the
 * isolate's code) is told by a shutdown hook, in a JVM of its own.
 *
 * <p>Safe from any thread; the methods that end the JVM do not return.
 */
final class WorkerExit {
    private final IsolateChannel channel;
    private final String debugName;
    private final IsolateEnding ending;
    /** Set before every end this type chooses, so the shutdown hook does not call it {@code System.exit}. */
    private volatile boolean orderly;

    WorkerExit(IsolateChannel channel, String debugName, IsolateEnding ending) {
        this.channel = channel;
        this.debugName = debugName;
        this.ending = ending;
    }

    /** True once the isolate has ended while its code still runs: in-process, as its thread unwinds. */
    boolean ended() {
        return ending.ended();
    }

    /** Ends the calling thread too if the isolate has ended (in-process); called between events. */
    void checkEnded() {
        ending.checkEnded();
    }

    /** Tells the supervisor of an end nobody here chose (the code's {@code System.exit}) from a shutdown hook. */
    void tellUnchosenEnds() {
        if (!ending.ownsJvm()) {
            return; // in-process, System.exit ends the caller's JVM, and the session with it
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!orderly) {
                notice(ExitReason.SYSTEM_EXIT.text(), "");
            }
        }, "isolate-exit-notice"));
    }

    /**
     * Tells the supervisor why, then ends the JVM at once with {@code reason}'s code. An abnormal end
     * that cannot even be told for want of room ends as {@link ExitReason#DISK_FULL}, which the
     * supervisor can name.
     *
     * @param detail the reason's detail (see {@link ExitReason#text(String)}), or empty
     */
    void end(ExitReason reason, String detail) {
        orderly = true;
        Exception untold = notice(reason.text(detail), "");
        if (reason.code() != 0 && untold instanceof InsufficientSpaceException full) {
            diskFull(full);
        }
        ending.halt(reason.code());
    }

    /** Ends the isolate as {@link ExitReason#KILLED} if the supervisor asked for its kill; else returns. */
    void endIfKilled() {
        if (channel.control().killRequested()) {
            Thread.interrupted(); // in-process, the kill interrupts this thread: the notice must still go out
            end(ExitReason.KILLED, "");
        }
    }

    /** The supervisor asked the isolate to end: an orderly exit that runs the shutdown hooks. */
    void shutDown() {
        orderly = true;
        ending.exitInOrder(ExitReason.COMPLETED.code());
    }

    /** The supervisor is gone: nobody is left to tell. */
    void supervisorGone() {
        orderly = true;
        ending.halt(ExitReason.SUPERVISOR_GONE.code());
    }

    /**
     * Ends the isolate because it cannot write to its channel for want of room, saying so (with the
     * file and sizes) on stderr, which the supervisor reads when it classifies the exit.
     */
    void diskFull(InsufficientSpaceException e) {
        System.err.println(ExitReason.DISK_FULL.stderrMark() + e.getMessage());
        orderly = true;
        ending.halt(ExitReason.DISK_FULL.code());
    }

    /**
     * A VirtualMachineError leaves the JVM in doubt: report it, then end the isolate. Every such
     * error halts with {@link ExitReason#FATAL_ERROR}'s code; the notice names which it was.
     */
    void fatal(VirtualMachineError e) {
        System.err.println("isolate " + debugName + ": " + e);
        orderly = true;
        notice(ExitReason.ofFatal(e).text(e.getClass().getSimpleName()), stackOf(e));
        ending.halt(ExitReason.FATAL_ERROR.code());
    }

    /** Decoding a message from the supervisor met an Error: say so, then end, rather than read on in doubt. */
    void unreadable(UnreadableMessageException e) {
        System.err.println("isolate " + debugName + ": " + e.getMessage() + "; ending");
        orderly = true;
        notice(ExitReason.UNREADABLE_BY_WORKER.text(), stackOf(e));
        ending.halt(ExitReason.UNREADABLE_BY_WORKER.code());
    }

    /** An error no code of the isolate caught: tell the error listeners; end the isolate if errors are fatal. */
    void uncaught(Throwable t) {
        String stack = stackOf(t);
        System.err.println("isolate " + debugName + ": uncaught " + stack);
        try {
            channel.send(MessageKind.UNCAUGHT, 0, new IsolateError(t.getClass().getName(), t.getMessage(), stack));
        } catch (IOException | RuntimeException e) {
            System.err.println("isolate " + debugName + ": could not report the error: " + e);
        }
        if (channel.control().errorsFatal()) {
            end(ExitReason.UNCAUGHT_ERROR, t.getClass().getSimpleName());
        }
    }

    /** Sends the exit notice; returns why it could not, or null. */
    private Exception notice(String reason, String detail) {
        try {
            channel.send(MessageKind.EXITING, 0, new ExitNotice(reason, detail));
            return null;
        } catch (IOException | RuntimeException e) {
            System.err.println("isolate " + debugName + ": could not tell the supervisor why it ends: " + e);
            return e;
        }
    }

    private static String stackOf(Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        return stack.toString();
    }
}
