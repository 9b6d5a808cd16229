package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateStartException;
import dev.isolates.Isolates;
import dev.isolates.Sandbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandboxed isolate runs in bubblewrap namespaces: it is pid 1 of its own pid namespace, has no
 * network, a private /tmp, and sees only the system, the JDK, its classpath and its own channel.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SandboxedIsolateTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeEach
    void needsBubblewrap() {
        SandboxAvailable.require();
    }

    private static IsolateOptions sandboxed(Sandbox sandbox) {
        return IsolateOptions.builder().untrusted(true).sandbox(sandbox).timeout(WAIT).build();
    }

    @Test
    void shouldRunTheIsolateAsThePidNamespacesFirstProcess() throws Exception {
        long pid = Isolates.run(() -> ProcessHandle.current().pid(), sandboxed(Sandbox.strict())).get(90, SECONDS);

        assertEquals(1, pid);
    }

    @Test
    void shouldSandboxAnUntrustedIsolateByDefault() throws Exception {
        IsolateOptions untrusted = IsolateOptions.builder().untrusted(true).timeout(WAIT).build();

        assertEquals(1, (long) Isolates.run(() -> ProcessHandle.current().pid(), untrusted).get(90, SECONDS));
        assertNotEquals(1, (long) Isolates.run(() -> ProcessHandle.current().pid(),
                IsolateOptions.builder().timeout(WAIT).build()).get(90, SECONDS), "a trusted isolate is not sandboxed");
    }

    @Test
    void shouldHideTheHostsSecretsAndOtherProcesses(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the host's secret");
        long supervisor = ProcessHandle.current().pid();
        String secretPath = secret.toString();

        List<String> seen = Isolates.run(() -> List.of(
                attempt(() -> Files.readString(Path.of("/etc/shadow"))),
                attempt(() -> Files.readString(Path.of("/proc/" + supervisor + "/environ"))),
                attempt(() -> Files.readString(Path.of(secretPath))),
                attempt(() -> Long.toString(ProcessHandle.allProcesses().count())),
                attempt(() -> {
                    try (FileChannel tty = FileChannel.open(Path.of("/dev/tty"), StandardOpenOption.WRITE)) {
                        return tty.size() + " bytes";
                    }
                })), sandboxed(Sandbox.strict()))
                .get(90, SECONDS);

        assertTrue(seen.get(0).startsWith("refused"), "/etc/shadow: " + seen.get(0));
        assertTrue(seen.get(1).startsWith("refused"), "the supervisor's environment: " + seen.get(1));
        assertTrue(seen.get(2).startsWith("refused"), "a file of the host: " + seen.get(2));
        assertEquals("read: 1", seen.get(3), "processes the isolate sees");
        assertTrue(seen.get(4).startsWith("refused"), "the supervisor's terminal: " + seen.get(4));
    }

    @Test
    void shouldHideEveryOtherIsolatesQueuesArenasAndSocketsSoNoneCanBeReadOrForged() throws Exception {
        try (IsolatePool trusted = IsolatePool.builder().size(1).build()) {
            assertEquals("warm", trusted.submit(() -> "warm").get(90, SECONDS));
            List<String> theirs = SessionArenas.sessionFiles().stream().map(Path::toString).toList();
            assertFalse(theirs.isEmpty(), "the trusted isolate's files");

            List<String> seen = Isolates.run(() -> theirs.stream().map(f -> f + " " + attempt(() -> {
                try (FileChannel c = FileChannel.open(Path.of(f), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    return "opened, " + c.size() + " bytes";
                }
            })).toList(), sandboxed(Sandbox.strict())).get(90, SECONDS);

            for (String s : seen) {
                assertTrue(s.contains(" refused: java.nio.file.NoSuchFileException"), s);
            }
            assertEquals("still ours", trusted.submit(() -> "still ours").get(90, SECONDS));
        }
    }

    @Test
    void shouldGiveItAPrivateTmp() throws Exception {
        String name = "isolates-sandbox-test-" + ProcessHandle.current().pid() + ".txt";

        String inside = Isolates.run(() -> {
            Path p = Path.of("/tmp", name);
            Files.writeString(p, "written inside");
            return Files.readString(p);
        }, sandboxed(Sandbox.strict())).get(90, SECONDS);

        assertEquals("written inside", inside);
        assertFalse(Files.exists(Path.of("/tmp", name)), "the isolate's /tmp is its own");
    }

    @Test
    void shouldRefuseTheNetworkUnlessAllowed() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = server.getLocalPort();
            IsolateCallableConnect connect = new IsolateCallableConnect(port);

            assertTrue(Isolates.run(connect::call, sandboxed(Sandbox.strict())).get(90, SECONDS).startsWith("refused"));
            assertEquals("read: connected", Isolates.run(connect::call,
                    sandboxed(Sandbox.builder().network(true).build())).get(90, SECONDS));
        }
    }

    @Test
    void shouldLetItReadAndWriteOnlyThePathsGiven(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "input");
        Path out = Files.createDirectory(dir.resolve("out"));
        String inPath = in.toString();
        String outPath = out.toString();
        Sandbox sandbox = Sandbox.builder().readablePaths(in).writablePaths(out).build();

        List<String> seen = Isolates.run(() -> List.of(
                attempt(() -> Files.readString(Path.of(inPath))),
                attempt(() -> Files.writeString(Path.of(inPath), "changed").toString()),
                attempt(() -> Files.writeString(Path.of(outPath, "result.txt"), "output").toString())),
                sandboxed(sandbox)).get(90, SECONDS);

        assertEquals("read: input", seen.get(0));
        assertTrue(seen.get(1).startsWith("refused"), "a readable path is read-only: " + seen.get(1));
        assertEquals("read: " + out.resolve("result.txt"), seen.get(2));
        assertEquals("output", Files.readString(out.resolve("result.txt")));
        assertEquals("input", Files.readString(in));
    }

    @Test
    void shouldEndWhatTheIsolateStartedWhenItExits() throws Exception {
        String marker = "301." + ProcessHandle.current().pid();

        Isolates.run(() -> {
            new ProcessBuilder("sleep", marker).start();
            return "started";
        }, sandboxed(Sandbox.strict())).get(90, SECONDS);

        assertTrue(awaitNoProcessWithArgument(marker, Duration.ofSeconds(20)), "sleep " + marker + " outlived its isolate");
    }

    @Test
    void shouldReportAJvmCrashInTheSandboxAsACrash() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((sun.misc.Unsafe) f.get(null)).putAddress(0, 0);
            return "survived a write to address 0";
        }, sandboxed(Sandbox.strict())).get(90, SECONDS));

        IsolateCrashedException crash = assertInstanceOf(IsolateCrashedException.class, e.getCause());
        assertEquals("JVM crash (SIGSEGV)", crash.reason(), crash.getMessage());
        assertTrue(crash.getMessage().contains("Problematic frame"), crash.getMessage());
    }

    @Test
    void shouldApplyTheLimitsOnProcessesAndOpenFiles() throws Exception {
        Sandbox limited = Sandbox.builder().maxProcesses(500).maxOpenFiles(300).build();

        List<String> limits = Isolates.run(() -> Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max processes") || l.startsWith("Max open files"))
                .map(l -> l.replaceAll("\\s+", " ")).toList(), sandboxed(limited)).get(90, SECONDS);

        assertEquals(List.of("Max processes 500 500 processes ", "Max open files 300 300 files "), limits);
    }

    @Test
    void shouldRefuseToStartWithoutBubblewrapWhenASandboxWasAskedFor() {
        System.setProperty("isolates.bwrap", "/nonexistent/bwrap");
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> 1,
                    sandboxed(Sandbox.strict())).get(90, SECONDS));

            IsolateStartException notStarted = assertInstanceOf(IsolateStartException.class, e.getCause());
            assertTrue(notStarted.getMessage().contains("/nonexistent/bwrap"), notStarted.getMessage());
            assertTrue(notStarted.getMessage().contains("apt-get install bubblewrap"), notStarted.getMessage());
            assertTrue(notStarted.getMessage().contains("Sandbox.none()"), notStarted.getMessage());
        } finally {
            System.clearProperty("isolates.bwrap");
        }
    }

    @Test
    void shouldRunAnUntrustedIsolateUnsandboxedWithoutBubblewrapOnlyWhenNotAskedFor() throws Exception {
        System.setProperty("isolates.bwrap", "/nonexistent/bwrap");
        try {
            IsolateOptions untrusted = IsolateOptions.builder().untrusted(true).timeout(WAIT).build();

            assertNotEquals(1, (long) Isolates.run(() -> ProcessHandle.current().pid(), untrusted).get(90, SECONDS));
        } finally {
            System.clearProperty("isolates.bwrap");
        }
    }

    /** Connects to a loopback port of the host; a record so the isolate gets the port with it. */
    record IsolateCallableConnect(int port) {
        String call() {
            return attempt(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    return "connected";
                }
            });
        }
    }

    interface Attempt {
        String run() throws Exception;
    }

    /** What an attempt gave: {@code read: VALUE}, or {@code refused: EXCEPTION}. */
    static String attempt(Attempt a) {
        try {
            return "read: " + a.run();
        } catch (Exception e) {
            return "refused: " + e;
        }
    }

    static boolean awaitNoProcessWithArgument(String argument, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (processesWithArgument(argument).isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return processesWithArgument(argument).isEmpty();
    }

    private static List<Long> processesWithArgument(String argument) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                    .map(ProcessHandle::pid).toList();
        }
    }
}
