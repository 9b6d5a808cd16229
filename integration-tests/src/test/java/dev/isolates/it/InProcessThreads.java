package dev.isolates.it;

import java.time.Duration;
import java.util.List;

/** The threads of in-process isolates running in this JVM, named {@code in-process-isolate-NAME} by the library. */
final class InProcessThreads {
    static final String PREFIX = "in-process-isolate-";

    private InProcessThreads() {
    }

    /** Waits up to {@code grace} until no in-process isolate thread runs; returns those still running. */
    static List<String> awaitNone(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> left = running();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = running();
        }
        return left;
    }

    /** {@return the names of the in-process isolate threads running now} */
    static List<String> running() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(PREFIX))
                .toList();
    }
}
