package dev.isolates.launcher;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts sandboxed JVMs from one thread that lives as long as this JVM. {@code bwrap --die-with-parent}
 * kills its sandbox when its parent ends, and Linux takes the parent to be the thread that started it:
 * started from a pool's short-lived thread, an isolate would die with that thread. Thread-safe.
 */
final class SandboxStarter {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "isolate-sandbox-starter");
        t.setDaemon(true);
        return t;
    });

    private SandboxStarter() {
    }

    /** Starts {@code builder}'s process on the starter thread; blocks until it has started. */
    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("could not start " + builder.command().get(0), e.getCause());
        } catch (InterruptedException e) {
            // the start may still happen: the caller's cleanup cannot reach a process it never got
            Process p = lateStart(started);
            if (p != null) {
                p.destroyForcibly();
            }
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a sandboxed isolate", e);
        }
    }

    private static Process lateStart(Future<Process> started) {
        try {
            return started.get();
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }
}
