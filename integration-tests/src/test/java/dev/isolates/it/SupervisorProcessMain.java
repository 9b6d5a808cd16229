package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small program that embeds the library, started by {@link SupervisorCleanupTest} as its own
 * supervisor JVM. It runs isolates, then tells on stdout, one fact a line:
 * {@code worker-pid N}, {@code session-dir PATH}, {@code ready}.
 *
 * <p>Arguments: the mode, and a scratch folder. Modes:
 * <ul>
 *   <li>{@code once}: one short run, then return from main;</li>
 *   <li>{@code exit}: two short runs, start a computation that sleeps for minutes, then return from
 *       main while it runs;</li>
 *   <li>{@code wait}: as {@code exit}, then sleep until killed.</li>
 *   <li>{@code run-outcome}: one run; prints {@code outcome value V} or {@code outcome failed CLASS}
 *       and {@code message TEXT} (line breaks as {@code \n}), then returns from main
 *       ({@link FullDiskTest});</li>
 *   <li>{@code pool-large-task}: a pool task carrying 24 MiB, then a small one; prints {@code large}
 *       and {@code small} outcomes as above ({@link FullDiskTest});</li>
 *   <li>{@code pool-traffic}: up to 200 pool tasks carrying 512 KiB each, until one fails (then
 *       {@code traffic failed CLASS} and {@code message}), then a small one ({@code small});</li>
 *   <li>{@code spares}: two runs a few seconds apart, each returning its isolate's pid and JVM start
 *       time; prints {@code first-pid}, {@code first-start}, {@code second-pid}, {@code second-start} and
 *       {@code second-call} (epoch ms), and {@code second-latency-us} ({@link RunSparesTest}).</li>
 * </ul>
 * The session base must be set with {@code -Disolates.session.base}.
 */
public final class SupervisorProcessMain {
    private SupervisorProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path scratch = Path.of(args[1]);
        if (mode.equals("run-outcome")) {
            runOutcome();
            return;
        }
        if (mode.equals("pool-large-task")) {
            poolLargeTask();
            return;
        }
        if (mode.equals("pool-traffic")) {
            poolTraffic();
            return;
        }
        if (mode.equals("spares")) {
            twoRunsApart();
            return;
        }
        int shortRuns = mode.equals("once") ? 1 : 2;
        for (int i = 0; i < shortRuns; i++) {
            long pid = Isolates.run(() -> ProcessHandle.current().pid()).get(60, SECONDS);
            say("worker-pid " + pid);
        }
        say("session-dir " + sessionDirectory());
        if (mode.equals("once")) {
            say("done");
            return;
        }
        say("worker-pid " + startLongRunning(scratch));
        say("ready");
        if (mode.equals("wait")) {
            Thread.sleep(600_000); // the test kills this JVM long before
            throw new IllegalStateException("was not killed");
        }
    }

    private static void runOutcome() throws Exception {
        tell("outcome", Isolates.run(() -> 42), true);
    }

    /** A pool task that carries 24 MiB (through the arena), then a small one. */
    private static void poolLargeTask() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            byte[] large = new byte[24 << 20];
            tell("large", pool.submit(() -> large.length), true);
            tell("small", pool.submit(() -> 7), true);
        }
    }

    /** 200 pool tasks of 512 KiB each (inline, through the queue) until one fails, then a small one. */
    private static void poolTraffic() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[512 << 10];
                if (!tell("traffic", pool.submit(() -> data.length), false)) {
                    break;
                }
            }
            tell("small", pool.submit(() -> 7), true);
        }
    }

    /**
     * Prints {@code word value V} (if {@code sayValue}), or {@code word failed CLASS} and
     * {@code message TEXT}; true for a value.
     */
    private static boolean tell(String word, Future<?> task, boolean sayValue) throws Exception {
        try {
            Object value = task.get(120, SECONDS);
            if (sayValue) {
                say(word + " value " + value);
            }
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            say(word + " failed " + cause.getClass().getName());
            say("message " + String.valueOf(cause.getMessage()).replace("\n", "\\n"));
            return false;
        }
    }

    private static void twoRunsApart() throws Exception {
        long[] first = Isolates.run(SupervisorProcessMain::pidAndStart).get(60, SECONDS);
        say("first-pid " + first[0]);
        say("first-start " + first[1]);
        Thread.sleep(4_000); // time for the spare, started once the first call's isolate was up, to come up
        long call = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long[] second = Isolates.run(SupervisorProcessMain::pidAndStart).get(60, SECONDS);
        long latency = (System.nanoTime() - t0) / 1_000;
        say("second-pid " + second[0]);
        say("second-start " + second[1]);
        say("second-call " + call);
        say("second-latency-us " + latency);
    }

    private static long[] pidAndStart() {
        ProcessHandle self = ProcessHandle.current();
        return new long[] {self.pid(), self.info().startInstant().orElseThrow().toEpochMilli()};
    }

    /** Starts a computation that sleeps for minutes; returns its isolate's pid once it runs. */
    private static long startLongRunning(Path scratch) throws Exception {
        String pidFile = scratch.resolve("long-running.pid").toString();
        CompletableFuture<String> sleeper = Isolates.run(() -> {
            Path tmp = Path.of(pidFile + ".tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, Path.of(pidFile), StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(600_000);
            return "slept";
        });
        long deadline = System.nanoTime() + SECONDS.toNanos(60);
        while (!Files.exists(Path.of(pidFile))) {
            if (sleeper.isDone()) {
                sleeper.get(); // throws why it ended
                throw new IllegalStateException("the long-running computation ended early: " + sleeper.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the long-running computation did not start within 60 s");
            }
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(Path.of(pidFile)).trim());
    }

    /** This JVM's session directory: the one under the base named after this process. */
    private static Path sessionDirectory() throws Exception {
        Path base = Path.of(System.getProperty("isolates.session.base"));
        String prefix = "isolates-" + ProcessHandle.current().pid() + "-";
        List<Path> mine;
        try (Stream<Path> entries = Files.list(base)) {
            mine = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toList());
        }
        if (mine.size() != 1) {
            throw new IllegalStateException("expected one session directory " + prefix + "* in " + base + ", found " + mine);
        }
        return mine.get(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
