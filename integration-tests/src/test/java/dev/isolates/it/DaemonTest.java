package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isolates.it.Isolatectl.Result;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isolatectl}'s daemon with real processes: it starts on first use, serves, outlives a
 * plugin's crash, refuses another user, replaces a stale socket, fails its client cleanly when
 * killed, and stops on idle and when told. Each test has a daemon folder of its own and stops its
 * daemon.
 */
class DaemonTest {
    private static final long WAIT_MILLIS = 30_000;

    @TempDir
    static Path dir;
    static String classes;

    private DaemonFolder daemon;

    @BeforeAll
    static void compilePlugins() throws Exception {
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Crash.java", """
                        package plugin;
                        public class Crash {
                            public static void main(String[] args) {
                                Runtime.getRuntime().halt(3);
                            }
                        }
                        """,
                "plugin/Sleep.java", """
                        package plugin;
                        public class Sleep {
                            public static void main(String[] args) throws Exception {
                                System.out.println("sleeping");
                                System.out.flush();
                                Thread.sleep(300_000);
                            }
                        }
                        """,
                "plugin/Where.java", """
                        package plugin;
                        import java.nio.file.*;
                        public class Where {
                            public static void main(String[] args) throws Exception {
                                System.out.println(Files.readString(Path.of("note.txt")).trim() + " "
                                        + System.getenv("ISOLATECTL_TEST_NOTE"));
                            }
                        }
                        """)).toString();
        Files.writeString(dir.resolve("a.json"), "{\"a\": [1, 2, {\"b\": 3}]}");
        Files.writeString(dir.resolve("b.json"), "[true, null]");
    }

    @BeforeEach
    void folder() throws IOException {
        daemon = DaemonFolder.create(dir);
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    @Test
    void shouldStartOnFirstUseAndServeTheCommandsAfter() throws Exception {
        assertTrue(daemon.pid().isEmpty(), "no daemon before the first command");
        Result first = daemon.run("json", "a.json");
        assertEquals(0, first.exitCode(), first.printed());
        assertEquals(List.of("{\"file\":\"a.json\",\"bytes\":23,\"values\":6,\"keys\":2,\"depth\":3}"), first.lines());
        long pid = daemon.awaitPid(); // the first command ran in-process and started it as it ended

        Result second = daemon.run("json", "a.json");
        assertEquals(first.stdout(), second.stdout());
        Result status = daemon.run("daemon", "status");
        assertEquals(0, status.exitCode(), status.printed());
        assertEquals(pid, daemon.pid().orElseThrow(), "the same daemon served both");
        assertTrue(status.stdout().contains("commands: 1 served"), status.printed());
        assertTrue(status.stdout().contains("log: " + daemon.path()), status.printed());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.path())));
        assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid),
                "the daemon runs detached, not below the command that started it");
    }

    @Test
    void shouldStartTheJsonIsolatesOfTheCommandThatStartedItForTheNextJsonCommand() throws Exception {
        Result first = daemon.run("json", "--workers", "2", "a.json", "b.json");
        assertEquals(0, first.exitCode(), first.printed());
        ProcessHandle started = ProcessHandle.of(daemon.awaitPid()).orElseThrow();

        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        Result status = daemon.run("daemon", "status");
        while (!status.stdout().contains("isolates: 2 warm json isolates")) {
            assertTrue(System.currentTimeMillis() < deadline, "no 2 json isolates started within " + WAIT_MILLIS
                    + " ms:\n" + status.printed());
            Thread.sleep(100);
            status = daemon.run("daemon", "status");
        }
        Set<Long> isolates = started.children().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertEquals(2, isolates.size(), "the daemon's children: " + isolates);

        Result second = daemon.run("json", "--workers", "2", "a.json", "b.json");
        assertEquals(first.stdout(), second.stdout());
        assertEquals(isolates, started.children().map(ProcessHandle::pid).collect(Collectors.toSet()),
                "the second command parsed in the isolates started for it");
    }

    @Test
    void shouldRunAnUnsandboxedPluginInTheClientsFolderWithTheClientsEnvironment() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("client-folder"));
        Files.writeString(folder.resolve("note.txt"), "here");
        Map<String, String> env = daemon.environment();
        env.put("ISOLATECTL_TEST_NOTE", "there");
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // the settings of the test's other runs: one daemon
        String[] args = {"run", "--no-sandbox", "--classpath", classes, "plugin.Where"};
        Result started = Isolatectl.run(folder, Isolatectl.NO_INPUT, env, "daemon", "start");
        assertEquals(0, started.exitCode(), started.printed());

        Result viaDaemon = Isolatectl.run(folder, Isolatectl.NO_INPUT, env, args);
        assertEquals(0, viaDaemon.exitCode(), viaDaemon.printed());
        assertEquals("here there\n", viaDaemon.stdout(), viaDaemon.printed());
        assertTrue(daemon.pid().isPresent());

        env.put("ISOLATECTL_DAEMON", "off");
        Result inProcess = Isolatectl.run(folder, Isolatectl.NO_INPUT, env, args);
        assertEquals(viaDaemon.stdout(), inProcess.stdout(), inProcess.printed());
    }

    @Test
    void shouldOutliveAPluginThatCrashes() throws Exception {
        long pid = daemon.start();

        Result crash = daemon.run("run", "--no-sandbox", "--classpath", classes, "plugin.Crash");
        assertEquals(3, crash.exitCode(), crash.printed());
        assertNoStackTrace(crash);

        assertEquals(pid, daemon.pid().orElseThrow(), "the same daemon after the plugin's crash");
        assertEquals(0, daemon.run("json", "a.json").exitCode());
    }

    @Test
    void shouldStopWhenTold() throws Exception {
        long pid = daemon.start();

        Result stop = daemon.run("daemon", "stop");
        assertEquals(0, stop.exitCode(), stop.printed());
        DaemonFolder.awaitEnd(pid);
        assertEquals(0, daemon.sockets(), "its socket is removed");
        Result status = daemon.run("daemon", "status");
        assertEquals(1, status.exitCode(), status.printed());
        assertTrue(status.stdout().contains("none runs"), status.printed());
    }

    @Test
    void shouldStopAfterItsIdleTime() throws Exception {
        Map<String, String> env = daemon.environment();
        env.put("ISOLATECTL_DAEMON_IDLE", "1s");
        Result r = Isolatectl.run(dir, Isolatectl.NO_INPUT, env, "json", "a.json");
        assertEquals(0, r.exitCode(), r.printed());

        // started in the background as the command ended: it may have come and gone already
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!(daemon.log().contains("ended") && daemon.sockets() == 0)) {
            assertTrue(System.currentTimeMillis() < deadline, "the daemon did not end within " + WAIT_MILLIS
                    + " ms of idleness:\n" + daemon.log());
            Thread.sleep(50);
        }
        assertTrue(daemon.log().contains("no command for 1.0 s") || daemon.log().contains("no command for 1 s"),
                daemon.log());
    }

    @Test
    void shouldReplaceTheSocketOfADaemonThatIsGone() throws Exception {
        long pid = daemon.start();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        DaemonFolder.awaitEnd(pid);
        assertEquals(1, daemon.sockets(), "a daemon killed with SIGKILL leaves its socket");

        Result r = daemon.run("json", "a.json");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals("", r.stderr().replaceAll("isolatectl json: 1 file.*\n", ""), "nothing said of the stale socket");
        long replacement = daemon.pid().orElseThrow();
        assertNotEquals(pid, replacement);
        assertTrue(daemon.log().contains("left by a daemon that is gone"), daemon.log());
    }

    @Test
    void shouldFailTheCommandAtOnceWithOneLineWhenTheDaemonIsKilled() throws Exception {
        long pid = daemon.start();
        Path out = dir.resolve("sleep.out");
        Path err = dir.resolve("sleep.err");
        Process client = start(out, err, "run", "--no-sandbox", "--classpath", classes, "plugin.Sleep");
        try {
            awaitLine(out, "sleeping", client);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            assertTrue(client.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the client ends when its daemon dies");
            assertEquals(5, client.exitValue());
            List<String> said = Files.readAllLines(err);
            assertEquals(1, said.size(), "one line: " + said);
            assertTrue(said.get(0).startsWith("isolatectl: the background supervisor (daemon) ended before the command"
                    + " finished"), said.get(0));
        } finally {
            stop(client);
        }
        DaemonFolder.awaitEnd(pid);
        Result next = daemon.run("json", "a.json");
        assertEquals(0, next.exitCode(), next.printed());
        assertNotEquals(pid, daemon.pid().orElseThrow(), "the next command starts a new daemon");
    }

    @Test
    void shouldCancelTheCommandAndKeepServingWhenTheClientIsInterrupted() throws Exception {
        assumeTrue(!sigintIgnored(), "skipped: this JVM was started with SIGINT ignored (a background job), so the"
                + " client it starts would ignore Ctrl-C too");
        long pid = daemon.start();
        ProcessHandle daemonProcess = ProcessHandle.of(pid).orElseThrow();
        Set<Long> warm = daemonProcess.children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Path out = dir.resolve("interrupted.out");
        Process client = start(out, dir.resolve("interrupted.err"), "run", "--no-sandbox", "--classpath", classes,
                "plugin.Sleep");
        try {
            awaitLine(out, "sleeping", client);
            assertTrue(daemonProcess.children().anyMatch(p -> !warm.contains(p.pid())),
                    "the plugin's isolate runs below the daemon");

            assertEquals(0, command("kill", "-INT", Long.toString(client.pid())));
            assertTrue(client.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the client ends on SIGINT");
            assertEquals(130, client.exitValue());

            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (daemonProcess.children().anyMatch(p -> !warm.contains(p.pid()))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(daemonProcess.children().anyMatch(p -> !warm.contains(p.pid())),
                    "the cancelled command's isolate ends");
        } finally {
            stop(client);
        }
        assertEquals(pid, daemon.pid().orElseThrow(), "the daemon still serves");
        assertTrue(daemon.log().contains("cancelled: its client went away"), daemon.log());
    }

    /** Whether this JVM inherited SIGINT ignored: the JVMs it starts then never see Ctrl-C. */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    @Test
    void shouldRefuseAClientOfAnotherUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: making a throwaway user to run a client as needs root");
        assumeTrue(new File("/usr/sbin/useradd").canExecute() && new File("/usr/bin/setpriv").canExecute(),
                "skipped: useradd and setpriv are needed to run a client as another user");
        long pid = daemon.start();
        String user = "isoltest" + ProcessHandle.current().pid() % 100_000;
        assertEquals(0, command("/usr/sbin/useradd", "--no-create-home", "--shell", "/bin/false", user));
        try {
            // Only a folder opened up on purpose lets another user reach the socket at all; the
            // daemon must still refuse the client.
            Files.setPosixFilePermissions(daemon.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
            try (var files = Files.list(daemon.path())) {
                for (Path socket : files.filter(f -> f.toString().endsWith(".sock")).toList()) {
                    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            }
            List<List<String>> clients = new ArrayList<>(List.of(clientCommand("daemon", "status")));
            nativeClientCommand("daemon", "status").ifPresent(clients::add);
            for (List<String> client : clients) {
                List<String> asOther = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + user,
                        "--regid=" + user, "--clear-groups", "--"));
                asOther.addAll(client);
                Path out = dir.resolve("other.out");
                Path err = dir.resolve("other.err");
                ProcessBuilder b = new ProcessBuilder(asOther).directory(new File("/tmp"))
                        .redirectInput(Isolatectl.NO_INPUT).redirectOutput(out.toFile()).redirectError(err.toFile());
                Isolatectl.environment(b.environment(), dir); // the settings the daemon was started with
                b.environment().putAll(daemon.environment());
                Process other = b.start();
                assertTrue(other.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS));
                String said = Files.readString(err);
                assertEquals(5, other.exitValue(), client.get(0) + ": " + said + Files.readString(out));
                assertTrue(said.contains("refused this client") && said.contains("its user is " + user), said);
                assertFalse(Files.readString(out).contains("pid:"), "the other user learns nothing of the daemon");
            }
            assertTrue(daemon.log().contains("refused a client: its user is " + user), daemon.log());
        } finally {
            Files.setPosixFilePermissions(daemon.path(), PosixFilePermissions.fromString("rwx------"));
            assertEquals(0, command("/usr/sbin/userdel", user));
        }
        assertEquals(pid, daemon.pid().orElseThrow(), "the daemon still serves its own user");
    }

    /** The client's JVM as the launcher script starts it, without the script (another user may not run its build). */
    private static List<String> clientCommand(String... args) {
        Path target = Isolatectl.ROOT.resolve("scripts").resolve("target");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", target.resolve("isolates-scripts-0.1.0-SNAPSHOT.jar") + File.pathSeparator + target.resolve("lib")
                        + File.separator + "*",
                "dev.isolates.cli.daemon.DaemonClient"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The native client as the launcher script runs it, if the build made one; the script it would
     * hand a command over to is not there, so a client that did not reach the daemon fails.
     */
    private static Optional<List<String>> nativeClientCommand(String... args) throws IOException, InterruptedException {
        Path target = Isolatectl.ROOT.resolve("scripts").resolve("target");
        Path client = target.resolve(Isolatectl.nativeClientName());
        if (!Files.isExecutable(client)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(client.toString(), "/nonexistent/isolatectl",
                Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString(),
                target.resolve("isolates-scripts-0.1.0-SNAPSHOT.jar") + File.pathSeparator + target.resolve("lib")
                        + File.separator + "*"));
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    private static int command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), String.join(" ", command));
        return p.exitValue();
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Isolatectl.SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(Isolatectl.NO_INPUT).redirectOutput(out.toFile()).redirectError(err.toFile());
        Isolatectl.environment(b.environment(), dir);
        b.environment().putAll(daemon.environment());
        return b.start();
    }

    private static void awaitLine(Path file, String line, Process writer) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!Files.readAllLines(file).contains(line)) {
            assertTrue(writer.isAlive(), "the command ended before it printed " + line);
            assertTrue(System.currentTimeMillis() < deadline, "no line " + line + " within " + WAIT_MILLIS + " ms");
            Thread.sleep(20);
        }
    }

    private static void stop(Process client) throws InterruptedException {
        if (client.isAlive()) {
            client.destroyForcibly().waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

}
