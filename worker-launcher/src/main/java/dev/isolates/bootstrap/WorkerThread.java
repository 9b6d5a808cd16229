package dev.isolates.bootstrap;

import dev.isolates.protocol.ExitReason;
import dev.isolates.protocol.IsolateChannel;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process isolate: what {@link WorkerMain} does in a worker JVM, on a daemon thread of this
 * one. It opens the worker's end of the channel {@link WorkerHandover} names, hands over to a
 * {@link WorkerBody} of its own (so its own codec), and when the body returns closes the channel,
 * which the supervisor's end sees as the worker gone, and completes {@link #exit()} with the exit
 * code a JVM would have ended with. There is no parent to watch: the isolate lives in its
 * supervisor. A thread cannot be stopped from outside: {@link #interrupt()} asks, and a task that
 * never returns keeps its thread.
 *
 * <p>Safe from any thread.
 */
public final class WorkerThread {
    /**
     * The thread's stack: decoding recurses once per level of nesting, as on the supervisor's reader
     * threads, whatever this JVM's {@code -Xss}.
     */
    private static final long STACK_BYTES = 16L * 1024 * 1024;
    /** What an in-process isolate's thread is called, before the isolate's name: how a debugger shows it. */
    public static final String THREAD_NAME_PREFIX = "in-process-isolate-";

    private final Thread thread;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private WorkerThread(WorkerHandover handover) {
        String name = handover.arguments().debugName();
        this.thread = new Thread(null, () -> run(handover), THREAD_NAME_PREFIX + name, STACK_BYTES);
        thread.setDaemon(true);
    }

    /** Starts the isolate {@code handover} describes on a new daemon thread named {@code in-process-isolate-NAME}. */
    public static WorkerThread start(WorkerHandover handover) {
        WorkerThread worker = new WorkerThread(handover);
        worker.thread.start();
        return worker;
    }

    /** {@return completes with the isolate's exit code once its thread has closed its channel and is ending} */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** {@return true while the isolate's thread runs} */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Interrupts the isolate's thread, so that code waiting in it returns to the event loop. */
    public void interrupt() {
        thread.interrupt();
    }

    /** Waits up to {@code millis} for the thread to end; returns true if it has. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void run(WorkerHandover handover) {
        WorkerArguments arguments = handover.arguments();
        int code = ExitReason.BOOTSTRAP_FAILED.code();
        IsolateChannel channel = null;
        try {
            WorkerBody body = WorkerMain.findBody();
            channel = WorkerMain.connect(handover, body);
            code = body.serveInThread(channel, arguments);
        } catch (Throwable t) {
            System.err.println("isolate " + arguments.debugName() + " (in-process) failed: " + t);
            t.printStackTrace();
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException | RuntimeException e) {
                    System.err.println("isolate " + arguments.debugName() + ": could not close its channel: " + e);
                }
            }
            exit.complete(code);
        }
    }
}
