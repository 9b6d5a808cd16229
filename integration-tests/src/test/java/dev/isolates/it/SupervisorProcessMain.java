package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.Isolates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * </ul>
 * The session base must be set with {@code -Disolates.session.base}.
 */
public final class SupervisorProcessMain {
    private SupervisorProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path scratch = Path.of(args[1]);
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
