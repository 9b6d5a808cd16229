package dev.isolates.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Facts about processes that the tests wait on: is a pid still running, which children remain. */
public final class Processes {
    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /**
     * True while {@code pid} runs. A zombie does not run: an isolate orphaned by a killed supervisor is
     * re-parented to pid 1, and when pid 1 does not reap (as in some containers) it stays a zombie,
     * which {@link ProcessHandle#isAlive()} still reports as alive.
     */
    public static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return !isZombie(pid);
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        if (!Files.isDirectory(PROC)) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            char state = stat.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException e) {
            return true; // gone between the two looks
        } catch (IOException e) {
            // A process reaped while its stat file is read makes the read fail with ESRCH ("No such process").
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
            throw new AssertionError("could not read the state of pid " + pid, e);
        }
    }

    /** Waits up to {@code limit} for {@code pid} to stop running; returns true if it did. */
    public static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Waits up to {@code limit} until {@link ProcessHandle} no longer reports {@code pid} alive; for
     * this JVM's own children, which it reaps itself. Returns true if it did.
     */
    static boolean awaitHandleNotAlive(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The processes below this JVM that still run, as text for an assertion message. */
    static List<String> runningDescendants() {
        return ProcessHandle.current().descendants()
                .filter(p -> isRunning(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(p.info().command().orElse("?")))
                .collect(Collectors.toList());
    }

    /**
     * Waits up to {@code limit} until no process whose command line mentions {@code text} runs, such
     * as the JVM that makes an isolates' AOT cache in a test's folder, which by design outlives the
     * supervisor that started it; returns those still running.
     */
    static List<String> awaitNoneMentioning(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> left = mentioning(text);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = mentioning(text);
        }
        return left;
    }

    private static List<String> mentioning(String text) {
        try (java.util.stream.Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != ProcessHandle.current().pid() && isRunning(p.pid()))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .filter(line -> line.contains(text))
                    .collect(Collectors.toList());
        }
    }

    /** Waits up to {@code limit} until no process below this JVM runs; returns those still running. */
    static List<String> awaitNoDescendants(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> left = runningDescendants();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = runningDescendants();
        }
        return left;
    }
}
