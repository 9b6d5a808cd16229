package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolatePool;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * A supervisor JVM for {@link MappedMemoryFaultInReaderFailsPendingWorkTest}: a pool of 1 runs a
 * first task (its answer, {@code warm value PID}, has the supervisor read the isolate's queue file),
 * then a task that, on the test's word, sends {@link #PROBE} to a port of the main isolate and then
 * blocks. It prints {@code warm value PID}, then {@code blocked value V} or {@code blocked failed
 * CLASS} and {@code message TEXT} (one line), then {@code next ...} for a small task, then
 * {@code done}. A message the port receives is printed as {@code received LENGTH}. Every wait is
 * bounded: a call that never completes prints {@code ... failed java.util.concurrent.TimeoutException}
 * (for the blocked task, then {@code done}, and the JVM exits with 3).
 *
 * <p>The blocked task and the test talk through files in the scratch folder: the task makes
 * {@code started} once it runs, waits for {@code go}, sends, makes {@code sent}, then sleeps.
 */
public final class MappedMemoryFaultSupervisorMain {
    /** Bytes of the probe message: four pages and more of {@link #PROBE_MARK}, so the test can find it in the file. */
    static final int PROBE_LENGTH = 20 << 10;
    /** What the probe message is made of, 16 bytes repeated. */
    static final byte[] PROBE_MARK = "MAPPEDFAULTPROBE".getBytes(StandardCharsets.US_ASCII);
    private static final long OUTCOME_SECONDS = 90;

    private MappedMemoryFaultSupervisorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[1]);
        try (IsolatePool pool = IsolatePool.create(1); ReceivePort inbox = new ReceivePort()) {
            inbox.listen(m -> say("received " + (m instanceof byte[] b ? b.length : String.valueOf(m))));
            tell("warm", pool.submit(() -> ProcessHandle.current().pid()));
            if (!tell("blocked", pool.submit(new SendThenBlock(inbox.sendPort(), scratch.toString())))) {
                say("done");
                System.exit(3); // the blocked task still runs: closing the pool would wait for it
            }
            tell("next", pool.submit(() -> 7));
        }
        say("done");
    }

    /** The probe message: {@link #PROBE_MARK} again and again. */
    static byte[] probe() {
        byte[] b = new byte[PROBE_LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = PROBE_MARK[i % PROBE_MARK.length];
        }
        return b;
    }

    /** Says it runs, waits for {@code go}, sends the probe, says it sent it, then sleeps until its isolate ends. */
    record SendThenBlock(SendPort to, String scratch) implements IsolateCallable<String> {
        @Override
        public String call() throws Exception {
            Path dir = Path.of(scratch);
            mark(dir, "started");
            long deadline = System.nanoTime() + SECONDS.toNanos(120);
            while (!Files.exists(dir.resolve("go"))) {
                if (System.nanoTime() > deadline) {
                    return "no go within 120 s";
                }
                Thread.sleep(10);
            }
            to.send(probe());
            mark(dir, "sent");
            Thread.sleep(600_000); // the supervisor ends this isolate long before
            return "slept " + Arrays.hashCode(probe());
        }

        private static void mark(Path dir, String name) throws java.io.IOException {
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Prints the outcome of {@code call}; false if it did not complete in time. */
    private static boolean tell(String word, Future<?> call) throws InterruptedException {
        try {
            say(word + " value " + call.get(OUTCOME_SECONDS, SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            say(word + " failed " + cause.getClass().getName());
            say("message " + String.valueOf(cause.getMessage()).replace('\n', ' '));
        } catch (TimeoutException e) {
            printThreads(); // first: the test reports stderr as soon as it reads the lines below
            say(word + " failed " + e.getClass().getName());
            say("message no outcome within " + OUTCOME_SECONDS + " s");
            return false;
        }
        return true;
    }

    /** Every thread's stack, on stderr (which the test reports): where a call that never completed waits. */
    private static void printThreads() {
        StringBuilder dump = new StringBuilder("threads of supervisor pid " + ProcessHandle.current().pid() + ":\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        try (java.util.stream.Stream<Path> all = Files.walk(Path.of(System.getProperty("isolates.session.base")))) {
            all.filter(Files::isRegularFile).forEach(f -> dump.append(f).append(' ').append(f.toFile().length()).append('\n'));
        } catch (java.io.IOException | RuntimeException e) {
            dump.append("files: ").append(e).append('\n');
        }
        System.err.print(dump);
        System.err.flush();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
