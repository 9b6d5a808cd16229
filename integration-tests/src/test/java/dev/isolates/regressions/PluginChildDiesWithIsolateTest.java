package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.it.Isolatectl;
import dev.isolates.it.NoChildProcessLeftBehind;
import dev.isolates.it.Processes;
import dev.isolates.it.SupervisorProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child process a task starts ({@code sleep 301}) ends with its isolate, in each of the seven ways
 * an isolate ends: a pool's task timeout, {@link Isolate#kill()}, closing the pool, the task calling
 * {@code System.exit}, an {@code Isolates.run} timeout, and {@code isolatectl run} with and without
 * {@code --timeout}. Orphaned, the child is re-parented away from this JVM, so each test follows its pid.
 * Without the sandbox: in it, the pid namespace ends the tree (see {@code SandboxedIsolateTest}).
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class PluginChildDiesWithIsolateTest {
    private static final long WAIT = 60;
    private static final Duration GONE = Duration.ofSeconds(10);
    /** A timeout that also counts the isolate's start: room for a start on a loaded machine before the child. */
    private static final Duration SLOW_START_ROOM = Duration.ofSeconds(8);
    private static final int PROCESS_GROUP = 5;
    private static final int SESSION = 6;

    @TempDir
    Path scratch;
    private long child = -1;

    @AfterEach
    void endTheChildIfItOutlivedItsIsolate() {
        if (child > 0 && Processes.isRunning(child)) {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly); // a failed test leaves no sleep behind
        }
    }

    /** Starts {@code sleep 301}, then writes its pid to {@code pidFile} whole (a rename). */
    static long startChild(String pidFile) throws IOException {
        Process sleep = new ProcessBuilder("sleep", "301").start();
        Path file = Path.of(pidFile);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, Long.toString(sleep.pid()), StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return sleep.pid();
    }

    @Test
    void shouldEndTheChildOfATaskThatTimesOutInAPool() throws Exception {
        String pidFile = pidFile();
        try (IsolatePool pool = IsolatePool.builder().size(1).taskTimeout(Duration.ofSeconds(2)).build()) {
            assertEquals("up", pool.submit(() -> "up").get(WAIT, SECONDS)); // the timeout counts the task, not a slow start
            CompletableFuture<String> hung = pool.submit(() -> {
                startChild(pidFile);
                Thread.sleep(120_000);
                return "slept through its timeout";
            });
            child = awaitPid(pidFile);

            ExecutionException e = assertThrows(ExecutionException.class, () -> hung.get(WAIT, SECONDS));
            assertInstanceOf(IsolateTimeoutException.class, e.getCause());
            assertChildGone("the pool's task timeout");
        }
    }

    @Test
    void shouldEndTheChildOfAKilledIsolate() throws Exception {
        String pidFile = pidFile();
        try (ReceivePort fromWorker = new ReceivePort("child-starter")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                try {
                    toMain.send(startChild(pidFile));
                    Thread.sleep(120_000);
                } catch (IOException | InterruptedException e) {
                    toMain.send(e.toString());
                }
            }, fromWorker.sendPort()).get(WAIT, SECONDS);
            Object sent = fromWorker.receive(Duration.ofSeconds(WAIT));
            assertInstanceOf(Long.class, sent, "the isolate started its child: " + sent);
            child = (Long) sent;

            worker.kill();

            assertEquals("SIGKILL", worker.onExit().get(WAIT, SECONDS).reason());
            assertChildGone("Isolate.kill()");
        }
    }

    @Test
    void shouldEndTheChildOfAnIdleIsolateWhenItsPoolCloses() throws Exception {
        String pidFile = pidFile();
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            child = pool.submit(() -> startChild(pidFile)).get(WAIT, SECONDS);
            assertTrue(Processes.isRunning(child), "the child runs while its isolate idles in the pool");
        }
        assertChildGone("closing the pool");
    }

    @Test
    void shouldEndTheChildOfATaskThatCallsSystemExit() throws Exception {
        String pidFile = pidFile();
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            CompletableFuture<String> exiting = pool.submit(() -> {
                startChild(pidFile);
                System.exit(42);
                return "unreachable";
            });

            ExecutionException e = assertThrows(ExecutionException.class, () -> exiting.get(WAIT, SECONDS));
            assertEquals(42, assertInstanceOf(IsolateCrashedException.class, e.getCause()).exitCode());
            child = awaitPid(pidFile);
            assertChildGone("the task's System.exit");
        }
    }

    @Test
    void shouldEndTheChildOfARunThatTimesOut() throws Exception {
        String pidFile = pidFile();
        CompletableFuture<String> run = Isolates.run(() -> {
            startChild(pidFile);
            Thread.sleep(120_000);
            return "slept through its timeout";
        }, IsolateOptions.builder().timeout(SLOW_START_ROOM).build());
        child = awaitPid(pidFile);

        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(WAIT, SECONDS));
        assertInstanceOf(IsolateTimeoutException.class, e.getCause());
        assertChildGone("the Isolates.run timeout");
    }

    @Test
    void shouldEndTheChildOfAnIsolatectlRunThatTimesOut() throws Exception {
        String pidFile = pidFile();
        Isolatectl.Result r = Isolatectl.run(scratch, "run", "--no-sandbox", "--timeout", SLOW_START_ROOM.toSeconds() + "s", "--classpath", plugin(),
                "plugin.StartsChild", pidFile, "hang");

        assertEquals(4, r.exitCode(), r.printed());
        child = awaitPid(pidFile);
        assertChildGone("isolatectl run --timeout");
    }

    @Test
    void shouldEndTheChildOfAnIsolatectlRunThatReturns() throws Exception {
        String pidFile = pidFile();
        Isolatectl.Result r = Isolatectl.run(scratch, "run", "--no-sandbox", "--classpath", plugin(), "plugin.StartsChild", pidFile,
                "return");

        assertEquals(0, r.exitCode(), r.printed());
        child = awaitPid(pidFile);
        assertChildGone("isolatectl run");
    }

    /** Not one of the seven: with its supervisor gone, the isolate itself ends what its task started. */
    @Test
    void shouldEndTheChildOfAnIsolateWhoseSupervisorIsKilled(@TempDir Path base) throws Exception {
        try (SupervisorProcess supervisor = SupervisorProcess.start(RegressionSupervisorMain.class,
                "child-starting-task", base, scratch, List.of(), null)) {
            supervisor.await("ready", Duration.ofSeconds(WAIT));
            child = awaitPid(pidFile());

            assertEquals(128 + 9, supervisor.killHard(), "the supervisor should die of SIGKILL");
        }
        assertChildGone("its supervisor's kill -9");
    }

    /**
     * Not one of the seven: how the isolate's processes are followed keeps its JVM in this JVM's session
     * and process group. A session of its own would be a scheduling group of its own where Linux's
     * autogroup is on, and every round trip would pay for it.
     */
    @Test
    void shouldKeepTheIsolatesJvmInThisJvmsSessionAndProcessGroup() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            long worker = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            long self = ProcessHandle.current().pid();

            assertEquals(statField(self, SESSION), statField(worker, SESSION), "the isolate's session id");
            assertEquals(statField(self, PROCESS_GROUP), statField(worker, PROCESS_GROUP), "the isolate's process group");
        }
    }

    /** Field {@code n} of {@code /proc/<pid>/stat}, counted as proc(5) does (1 is the pid). */
    private static String statField(long pid, int n) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[n - 3]; // the command name may hold spaces
    }

    private String plugin() throws Exception {
        return Isolatectl.compile(scratch, Map.of("plugin/StartsChild.java", """
                package plugin;
                import dev.isolates.IsolateTask;
                import java.nio.file.*;
                import java.util.*;
                public class StartsChild implements IsolateTask {
                    public Object run(List<String> args) throws Exception {
                        Process sleep = new ProcessBuilder("sleep", "301").start();
                        Path file = Path.of(args.get(0));
                        Path partial = file.resolveSibling(file.getFileName() + ".partial");
                        Files.writeString(partial, Long.toString(sleep.pid()));
                        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                        if (args.get(1).equals("hang")) {
                            Thread.sleep(120_000);
                        }
                        return sleep.pid();
                    }
                }
                """)).toString();
    }

    private String pidFile() {
        return scratch.resolve("child.pid").toString();
    }

    private static long awaitPid(String pidFile) throws Exception {
        Path file = Path.of(pidFile);
        long deadline = System.nanoTime() + SECONDS.toNanos(WAIT);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "the task did not write its child's pid to " + file);
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    private void assertChildGone(String way) throws InterruptedException {
        assertTrue(Processes.awaitGone(child, GONE), "the task's child (pid " + child + ", "
                + ProcessHandle.of(child).flatMap(p -> p.info().commandLine()).orElse("?")
                + ") should end with its isolate after " + way + "; it still runs " + GONE.toSeconds() + " s later");
    }
}
