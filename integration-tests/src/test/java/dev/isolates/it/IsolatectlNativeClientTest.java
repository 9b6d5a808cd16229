package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native daemon client ({@code scripts/src/main/c}), which the script runs when a daemon
 * answers: it finds the socket of the daemon the Java client starts, and a command it passes on
 * prints and ends as the same command through the Java client does. Skipped where the build made
 * no native client (no C compiler).
 */
class IsolatectlNativeClientTest {
    /** Where the build puts the client, named for bash's HOSTTYPE and OSTYPE as scripts/lib.sh names it. */
    private static Path client;
    /** A script that is not there: a client that left a command to the Java client would fail to run it. */
    private static final String NO_SCRIPT = "/nonexistent/isolatectl";

    @TempDir
    static Path dir;
    static String classes;

    private DaemonFolder daemon;

    @BeforeAll
    static void compilePlugins() throws Exception {
        client = Isolatectl.ROOT.resolve("scripts").resolve("target").resolve(Isolatectl.nativeClientName());
        assumeTrue(Files.isExecutable(client), "skipped: the build made no native client (" + client
                + "): it is built where /usr/bin/cc is");
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Exits.java", """
                        package plugin;
                        public class Exits {
                            public static void main(String[] args) {
                                System.out.println("out");
                                System.err.println("err");
                                System.exit(7);
                            }
                        }
                        """,
                "plugin/Stuck.java", """
                        package plugin;
                        public class Stuck implements dev.isolates.MessageHandler {
                            public Object handle(String message) throws Exception {
                                Thread.sleep(300_000);
                                return message;
                            }
                        }
                        """,
                "plugin/Upper.java", """
                        package plugin;
                        public class Upper implements dev.isolates.MessageHandler {
                            public Object handle(String message) {
                                return message.toUpperCase();
                            }
                        }
                        """)).toString();
        Files.writeString(dir.resolve("a.json"), "{\"a\": [1, 2, {\"b\": 3}]}");
        Files.writeString(dir.resolve("broken.json"), "{\"a\": [1, 2,, 3]}");
        Files.writeString(dir.resolve("lines.txt"), "one\ntwo\nthree\n");
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
    void shouldFindTheSocketOfTheDaemonTheJavaClientStarted() throws Exception {
        daemon.start();
        Isolatectl.Result socket = client(Isolatectl.NO_INPUT, "--socket");

        assertEquals(0, socket.exitCode(), socket.printed());
        try (Stream<Path> files = Files.list(daemon.path())) {
            List<String> sockets = files.map(Path::toString).filter(f -> f.endsWith(".sock")).toList();
            assertEquals(List.of(socket.stdout().trim()), sockets, "the one the Java client computed");
        }
    }

    @Test
    void shouldPrintAndEndAsTheJavaClientDoes() throws Exception {
        daemon.start();
        File lines = dir.resolve("lines.txt").toFile();
        List<List<String>> commands = List.of(
                List.of("json", "a.json"),
                List.of("json", "broken.json"),
                List.of("json", "--no-such-option"),
                List.of("run", "--no-sandbox", "--classpath", classes, "plugin.Exits"),
                List.of("spawn", "--no-sandbox", "--classpath", classes, "plugin.Upper"),
                List.of("daemon", "status"));
        for (List<String> command : commands) {
            String[] args = command.toArray(new String[0]);
            Isolatectl.Result java = javaClient(lines, args);
            Isolatectl.Result natively = client(lines, args);

            assertEquals(java.exitCode(), natively.exitCode(), command + ":\n" + natively.printed());
            assertEquals(withoutTimes(java.stderr()), withoutTimes(natively.stderr()), command.toString());
            if (!command.get(0).equals("daemon")) { // status counts the commands served
                assertEquals(java.stdout(), natively.stdout(), command.toString());
            }
        }
        Isolatectl.Result exits = client(lines, "run", "--no-sandbox", "--classpath", classes, "plugin.Exits");
        assertEquals(7, exits.exitCode(), exits.printed());
        assertEquals("out\n", exits.stdout(), exits.printed());
        Isolatectl.Result upper = client(lines, "spawn", "--no-sandbox", "--classpath", classes, "plugin.Upper");
        assertEquals(0, upper.exitCode(), upper.printed());
        assertEquals("\"ONE\"\n\"TWO\"\n\"THREE\"\n", upper.stdout(), "stdin streamed through the client");
    }

    @Test
    void shouldLeaveACommandNoDaemonAnswersToTheJavaClient() throws Exception {
        Isolatectl.Result none = daemon.run("daemon", "status");
        assertEquals(1, none.exitCode(), none.printed());
        assertTrue(none.stdout().startsWith("isolatectl daemon: none runs for this build and JDK"), none.printed());

        long pid = daemon.start();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        DaemonFolder.awaitEnd(pid);
        assertEquals(1, daemon.sockets(), "a daemon killed with SIGKILL leaves its socket, which refuses the client");
        Isolatectl.Result json = daemon.run("json", "a.json");

        assertEquals(0, json.exitCode(), json.printed());
        assertTrue(json.stdout().contains("\"values\""), json.printed());
        assertNotEquals(pid, daemon.pid().orElseThrow(), "the Java client started a new daemon for the command");
    }

    @Test
    void shouldEndOnSigtermAndCancelTheCommandWhileItsInputIsBackedUp() throws Exception {
        long pid = daemon.start();
        Path input = dir.resolve("many-lines.txt");
        Files.writeString(input, "a line that waits for a handler that does not come back\n".repeat(400_000));
        Path out = dir.resolve("stuck.out");
        Path err = dir.resolve("stuck.err");
        ProcessBuilder builder = clientBuilder("spawn", "--no-sandbox", "--workers", "1", "--classpath", classes,
                "plugin.Stuck").redirectInput(input.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process client = builder.start();
        try {
            ProcessHandle daemonProcess = ProcessHandle.of(pid).orElseThrow();
            long deadline = System.currentTimeMillis() + 30_000;
            while (daemonProcess.children().count() == 0) { // the command's isolate is up
                assertTrue(client.isAlive(), "the command ended early: " + Files.readString(err));
                assertTrue(System.currentTimeMillis() < deadline, "no isolate started under the daemon in 30 s");
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // the input fills the daemon's pipe and the socket: the client's writes block

            client.destroy(); // SIGTERM
            assertTrue(client.waitFor(10, TimeUnit.SECONDS), "the client ends on SIGTERM with its input backed up");
            assertEquals(143, client.exitValue(), Files.readString(err));
            deadline = System.currentTimeMillis() + 30_000;
            while (!daemon.log().contains("cancelled: its client went away")) {
                assertTrue(System.currentTimeMillis() < deadline, "the daemon cancels the command:\n" + daemon.log());
                Thread.sleep(50);
            }
        } finally {
            client.destroyForcibly().waitFor();
        }
        assertEquals(pid, daemon.pid().orElseThrow(), "the daemon still serves");
    }

    /** The native client run directly, as the script runs it, but with a script that is not there. */
    private Isolatectl.Result client(File input, String... args) throws IOException, InterruptedException {
        return Isolatectl.run(clientBuilder(args), dir, input);
    }

    /** The native client's command, as {@link #client} runs it, in {@code dir}. */
    private ProcessBuilder clientBuilder(String... args) throws IOException {
        String java = scriptJava().toRealPath().toString();
        Path target = Isolatectl.ROOT.resolve("scripts").resolve("target");
        String classpath = target.resolve("isolates-scripts-0.1.0-SNAPSHOT.jar") + File.pathSeparator
                + target.resolve("lib") + File.separator + "*";
        List<String> command = new ArrayList<>(List.of(client.toString()));
        boolean socketOnly = args.length == 1 && args[0].equals("--socket");
        if (socketOnly) {
            command.add("--socket");
        }
        command.addAll(List.of(NO_SCRIPT, java, classpath));
        if (!socketOnly) {
            command.addAll(List.of(args));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Isolatectl.environment(builder.environment(), dir);
        builder.environment().putAll(daemon.environment());
        return builder;
    }

    /** The text without the times and rates a summary line gives. */
    private static String withoutTimes(String text) {
        return text.replaceAll(" in [0-9.]+ m?s( \\([0-9.]+ MB/s\\))?", " in T");
    }

    /** The java the script runs: JAVA_HOME's, else the first on the PATH (scripts/lib.sh). */
    private static Path scriptJava() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "java"))) {
            return Path.of(home, "bin", "java");
        }
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path java = Path.of(folder.isEmpty() ? "." : folder, "java");
            if (Files.isExecutable(java)) {
                return java;
            }
        }
        throw new AssertionError("no java on the PATH: " + System.getenv("PATH"));
    }

    private Isolatectl.Result javaClient(File input, String... args) throws IOException, InterruptedException {
        Map<String, String> variables = new HashMap<>(daemon.environment());
        variables.put("ISOLATECTL_CLIENT", "java");
        return Isolatectl.run(dir, input, variables, args);
    }
}
