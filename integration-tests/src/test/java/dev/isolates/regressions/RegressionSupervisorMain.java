package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A program that embeds the library, run as its own supervisor JVM by the regression tests of
 * processes and leftovers (through {@code dev.isolates.it.SupervisorProcess}). It tells on stdout,
 * one fact a line, and prints nothing else there itself.
 *
 * <p>Arguments: the mode, and a scratch folder. Modes:
 * <ul>
 *   <li>{@code interrupting-task}: starts a computation that interrupts every other thread of its
 *       JVM, again and again, and sleeps; prints {@code worker-pid N} once it has interrupted them,
 *       then {@code ready}, and sleeps until killed;</li>
 *   <li>{@code child-starting-task}: starts a computation that starts {@code sleep 301}, writes its
 *       pid to {@code child.pid} in the scratch folder and sleeps; prints {@code ready} once the file
 *       is there, and sleeps until killed;</li>
 *   <li>{@code deaths}: runs a computation that exhausts a 32 MiB heap and one that crashes the JVM
 *       with a write to address 0; for each prints {@code outcome WORD REASON}, {@code pid WORD N},
 *       {@code crash-report WORD PATH-or-none}, {@code crash-report-exists WORD true|false} and
 *       {@code message WORD TEXT} (line breaks as {@code \n}); then {@code done}.</li>
 * </ul>
 */
public final class RegressionSupervisorMain {
    private RegressionSupervisorMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path scratch = Path.of(args[1]);
        switch (mode) {
            case "interrupting-task" -> {
                say("worker-pid " + startInterruptingTask(scratch));
                say("ready");
                Thread.sleep(600_000); // the test kills this JVM long before
                throw new IllegalStateException("was not killed");
            }
            case "child-starting-task" -> {
                String pidFile = scratch.resolve("child.pid").toString();
                Isolates.run(() -> {
                    PluginChildDiesWithIsolateTest.startChild(pidFile);
                    Thread.sleep(600_000);
                    return "slept";
                });
                while (!Files.exists(Path.of(pidFile))) {
                    Thread.sleep(20); // the test's wait for "ready" bounds this one
                }
                say("ready");
                Thread.sleep(600_000); // the test kills this JVM long before
                throw new IllegalStateException("was not killed");
            }
            case "deaths" -> {
                tellCrash("oom", () -> {
                    List<long[]> hoard = new ArrayList<>();
                    while (true) {
                        hoard.add(new long[128 * 1024]);
                    }
                }, IsolateOptions.builder().maxHeap("32m").build());
                tellCrash("segv", () -> {
                    Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                    f.setAccessible(true);
                    ((sun.misc.Unsafe) f.get(null)).putAddress(0, 0);
                    return "survived a write to address 0";
                }, IsolateOptions.builder().jvmArgs("-XX:-CreateCoredumpOnCrash").build());
                say("done");
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static long startInterruptingTask(Path scratch) throws Exception {
        String pidFile = scratch.resolve("interrupting.pid").toString();
        CompletableFuture<String> task = Isolates.run(() -> {
            interruptOthers();
            Path tmp = Path.of(pidFile + ".tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, Path.of(pidFile), StandardCopyOption.ATOMIC_MOVE);
            long end = System.nanoTime() + SECONDS.toNanos(600);
            while (System.nanoTime() < end) {
                interruptOthers();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // something interrupted this thread too: sleep on
                }
            }
            return "slept";
        });
        long deadline = System.nanoTime() + SECONDS.toNanos(60);
        while (!Files.exists(Path.of(pidFile))) {
            if (task.isDone()) {
                throw new IllegalStateException("the interrupting task ended early: " + task.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the interrupting task did not start within 60 s");
            }
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(Path.of(pidFile)).trim());
    }

    private static void interruptOthers() {
        Thread self = Thread.currentThread();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t != self).forEach(Thread::interrupt);
    }

    private static void tellCrash(String word, IsolateCallable<?> computation, IsolateOptions options) throws Exception {
        try {
            Object value = Isolates.run(computation, options).get(120, SECONDS);
            say("outcome " + word + " value " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof IsolateCrashedException crash)) {
                say("outcome " + word + " failed " + cause);
                return;
            }
            say("outcome " + word + " " + crash.reason());
            say("pid " + word + " " + crash.pid());
            Path report = crash.crashReport().orElse(null);
            say("crash-report " + word + " " + (report == null ? "none" : report.toString()));
            say("crash-report-exists " + word + " " + (report != null && Files.isRegularFile(report)));
            say("message " + word + " " + crash.getMessage().replace("\n", "\\n"));
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
