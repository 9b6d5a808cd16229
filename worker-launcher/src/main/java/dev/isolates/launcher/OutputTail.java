package dev.isolates.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a worker's stderr on a daemon thread, passes each line on, and keeps the last lines for
 * error reports.
 *
 * <p>Thread-safe.
 */
public final class OutputTail {
    static final int KEEP_LINES = 40;

    private final Deque<String> lines = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private OutputTail() {
    }

    /** Starts reading {@code stream} on a thread named after the isolate. */
    public static OutputTail start(InputStream stream, String name, Consumer<String> forward) {
        OutputTail tail = new OutputTail();
        Thread t = new Thread(() -> tail.pump(stream, forward), "isolate-stderr-" + name);
        t.setDaemon(true);
        t.start();
        return tail;
    }

    private void pump(InputStream stream, Consumer<String> forward) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                keep(line);
                forward.accept(line);
            }
        } catch (IOException e) {
            // the stream closes when the process ends or is destroyed; what was read is kept
            if (!"Stream closed".equals(e.getMessage())) {
                keep("[stderr capture failed: " + e + "]");
            }
        } finally {
            ended.countDown();
        }
    }

    /** Adds a line that did not come from the stream, such as a crash report's banner. */
    void add(String line) {
        keep(line);
    }

    private void keep(String line) {
        synchronized (lines) {
            if (lines.size() == KEEP_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    /** Waits up to {@code millis} for the stream to end, so the tail holds the last words of a dead JVM. */
    public void awaitEnd(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines read, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** The last lines as one text. */
    public String text() {
        return String.join("\n", lines());
    }

}
