package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.it.Isolatectl.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code isolatectl run} through {@code scripts/isolatectl}: every exit code and what stderr says with it. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlRunTest {
    @TempDir
    static Path dir;
    static String classes;

    @BeforeAll
    static void compilePlugins() throws Exception {
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Greet.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class Greet implements IsolateTask {
                            public Object run(List<String> args) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("greeting", "hello " + String.join(" and ", args));
                                m.put("count", args.size());
                                return m;
                            }
                        }
                        """,
                "plugin/Main.java", """
                        package plugin;
                        public class Main {
                            public static void main(String[] args) {
                                System.out.println("main ran with " + String.join(",", args));
                                if (args.length > 0 && args[0].startsWith("exit=")) {
                                    System.exit(Integer.parseInt(args[0].substring(5)));
                                }
                            }
                        }
                        """,
                "plugin/Fails.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class Fails implements IsolateTask {
                            public Object run(List<String> args) { return check(args); }
                            static Object check(List<String> args) { throw new IllegalStateException("the ledger does not balance"); }
                        }
                        """,
                "plugin/Neither.java", "package plugin;\npublic class Neither { public void run() { } }\n",
                "plugin/ExitingTask.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class ExitingTask implements IsolateTask {
                            static {
                                System.err.println("plugin initializer leaving");
                                System.exit(Integer.getInteger("plugin.exit", 42));
                            }
                            public Object run(List<String> args) { return "never"; }
                        }
                        """,
                "plugin/ExitingMain.java", """
                        package plugin;
                        public class ExitingMain {
                            static { System.exit(42); }
                            public static void main(String[] args) { System.out.println("never"); }
                        }
                        """,
                "plugin/Hog.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class Hog implements IsolateTask {
                            public Object run(List<String> args) {
                                List<long[]> kept = new ArrayList<>();
                                while (true) { kept.add(new long[1 << 16]); }
                            }
                        }
                        """,
                "plugin/Snoop.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.nio.file.*;
                        import java.util.*;
                        public class Snoop implements IsolateTask {
                            public Object run(List<String> args) {
                                return Map.of("pid", ProcessHandle.current().pid(), "shadow", Files.exists(Path.of("/etc/shadow")));
                            }
                        }
                        """,
                "plugin/StartsSleep.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class StartsSleep implements IsolateTask {
                            public Object run(List<String> args) throws Exception {
                                new ProcessBuilder("sleep", args.get(0)).start();
                                while (true) { Thread.sleep(20); }
                            }
                        }
                        """,
                "plugin/Endless.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class Endless implements IsolateTask {
                            public Object run(List<String> args) throws Exception { while (true) { Thread.sleep(20); } }
                        }
                        """)).toString();
    }

    private static Result run(String... args) throws Exception {
        return Isolatectl.run(dir, args);
    }

    @Test
    void shouldRefusePluginsInProcessWithOneLineWhenTheJvmIsToldToRunIsolatesInProcess() throws Exception {
        Map<String, String> inProcess = Map.of("JAVA_TOOL_OPTIONS", "-Disolates.inProcess=true");
        Path input = dir.resolve("one-line.txt");
        java.nio.file.Files.writeString(input, "a\n");
        for (Result r : new Result[] {
                Isolatectl.run(dir, Isolatectl.NO_INPUT, inProcess, "run", "--classpath", classes, "plugin.Greet", "Ada"),
                Isolatectl.run(dir, input.toFile(), inProcess, "spawn", "--classpath", classes, "plugin.Greet")}) {
            assertEquals(2, r.exitCode(), r.printed());
            assertEquals("", r.stdout(), r.printed());
            assertTrue(r.stderr().contains("-Disolates.inProcess=true is set, but plugin.Greet is a plugin, which runs"
                    + " untrusted in a JVM of its own, never in-process"), r.printed());
            assertEquals(1, r.stderr().lines().filter(l -> l.startsWith("isolatectl ")).count(), r.printed());
            assertNoStackTrace(r);
        }
    }

    @Test
    void shouldPrintAnIsolateTasksResultAsJsonAndExitZero() throws Exception {
        Result r = run("run", "--classpath", classes, "plugin.Greet", "Ada", "Grace");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(new ObjectMapper().readTree("{\"greeting\":\"hello Ada and Grace\",\"count\":2}"),
                new ObjectMapper().readTree(r.stdout()), r.printed());
        assertEquals(1, r.lines().size(), "one JSON document on one line: " + r.printed());
    }

    @Test
    void shouldRunThePluginInTheSandboxUnlessToldNotTo() throws Exception {
        SandboxAvailable.require();
        Result sandboxed = run("run", "--classpath", classes, "plugin.Snoop");
        assertEquals(0, sandboxed.exitCode(), sandboxed.printed());
        assertEquals(new ObjectMapper().readTree("{\"pid\":1,\"shadow\":false}"),
                new ObjectMapper().readTree(sandboxed.stdout()), sandboxed.printed());

        Result plain = run("run", "--no-sandbox", "--classpath", classes, "plugin.Snoop");
        assertEquals(0, plain.exitCode(), plain.printed());
        assertNotEquals(1, new ObjectMapper().readTree(plain.stdout()).get("pid").asLong(), plain.printed());
    }

    @Test
    void shouldEndWhatASandboxedPluginStartedWhenItTimesOut() throws Exception {
        SandboxAvailable.require();
        String marker = "301." + ProcessHandle.current().pid() + "7";
        Result r = run("run", "--timeout", "2s", "--classpath", classes, "plugin.StartsSleep", marker);
        assertEquals(4, r.exitCode(), r.printed());
        assertTrue(SandboxedIsolateTest.awaitNoProcessWithArgument(marker, java.time.Duration.ofSeconds(20)),
                "sleep " + marker + " outlived its sandboxed isolate");
    }

    @Test
    void shouldSayWhatToInstallAndExitFiveWithoutBubblewrapUnlessToldToRunWithoutIt() throws Exception {
        Map<String, String> noBwrap = Map.of("ISOLATES_BWRAP", dir.resolve("no-such-bwrap").toString());
        Result r = Isolatectl.run(dir, Isolatectl.NO_INPUT, noBwrap, "run", "--classpath", classes, "plugin.Greet");
        assertEquals(5, r.exitCode(), r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertTrue(r.stderr().startsWith("isolatectl run: "), r.printed());
        assertTrue(r.stderr().contains("apt-get install bubblewrap"), r.printed());
        assertTrue(r.stderr().contains("--no-sandbox"), r.printed());
        assertEquals(1, r.stderr().lines().count(), "said once: " + r.printed());
        assertNoStackTrace(r);

        Result optedOut = Isolatectl.run(dir, Isolatectl.NO_INPUT, noBwrap, "run", "--no-sandbox", "--classpath",
                classes, "plugin.Greet", "Ada");
        assertEquals(0, optedOut.exitCode(), optedOut.printed());
    }

    @Test
    void shouldPassAMainClassesOutputAndExitCodeThrough() throws Exception {
        Result ok = run("run", "--classpath", classes, "plugin.Main", "x", "y");
        assertEquals(0, ok.exitCode(), ok.printed());
        assertEquals("main ran with x,y\n", ok.stdout(), ok.printed());

        Result seven = run("run", "--classpath", classes, "plugin.Main", "exit=7");
        assertEquals(7, seven.exitCode(), seven.printed());
        assertEquals("main ran with exit=7\n", seven.stdout(), seven.printed());
        assertNoStackTrace(seven);
    }

    @Test
    void shouldExitOneWithAPlainMessageWhenTheTaskThrowsAndShowTheRemoteStackOnlyWhenVerbose() throws Exception {
        Result r = run("run", "--classpath", classes, "plugin.Fails");
        assertEquals(1, r.exitCode(), r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertTrue(r.stderr().contains("java.lang.IllegalStateException: the ledger does not balance"), r.printed());
        assertTrue(r.stderr().contains("--verbose"), "says how to see more: " + r.printed());
        assertNoStackTrace(r);
        assertTrue(r.stderr().lines().count() <= 3, "short: " + r.printed());

        Result verbose = run("run", "--verbose", "--classpath", classes, "plugin.Fails");
        assertEquals(1, verbose.exitCode(), verbose.printed());
        assertTrue(verbose.stderr().contains("plugin.Fails.check(Fails.java:"),
                "the isolate's stack, down to the plugin's own frame: " + verbose.printed());
    }

    @Test
    void shouldExitTwoWithAHintOnUsageErrors() throws Exception {
        Result unknownOption = run("run", "--classpath", classes, "--no-such-option", "plugin.Greet");
        assertUsage(unknownOption, "--no-such-option");
        assertTrue(unknownOption.stderr().contains("isolatectl run --help"), unknownOption.printed());

        assertUsage(run("run", "--classpath", classes), "CLASS");
        assertUsage(run("run", "--classpath", classes, "plugin.Neither"), "neither implements dev.isolates.IsolateTask");
        assertUsage(run("run", "--classpath", classes, "plugin.Missing"), "plugin.Missing is not on the isolate's classpath");
        assertUsage(run("run", "--classpath", dir.resolve("no-such.jar").toString(), "plugin.Greet"), "no-such.jar does not exist");
        assertUsage(run("run", "--timeout", "soon", "--classpath", classes, "plugin.Greet"), "'soon' is not a duration");
    }

    private static void assertUsage(Result r, String says) {
        assertEquals(2, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains(says), "stderr should say " + says + ": " + r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldTreatSystemExitInAnIsolateTasksStaticInitializerAsACrash() throws Exception {
        Result r = run("run", "--classpath", classes, "plugin.ExitingTask");
        assertEquals(3, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("System.exit") && r.stderr().contains("exit code 42"), r.printed());
        assertTrue(r.stderr().contains("plugin initializer leaving"), "the plugin's own words come through: " + r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertNoStackTrace(r);

        // System.exit(0) before the task ran is no success: there is no result to print.
        Result zero = run("run", "--jvm-arg", "-Dplugin.exit=0", "--classpath", classes, "plugin.ExitingTask");
        assertEquals(3, zero.exitCode(), zero.printed());
        assertTrue(zero.stderr().contains("System.exit") && zero.stderr().contains("exit code 0"), zero.printed());
    }

    @Test
    void shouldPassTheExitCodeThroughWhenAMainClassesStaticInitializerCallsSystemExit() throws Exception {
        Result r = run("run", "--classpath", classes, "plugin.ExitingMain");
        assertEquals(42, r.exitCode(), "as 'java plugin.ExitingMain' would: " + r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitThreeWithAdviceWhenThePluginExhaustsItsHeap() throws Exception {
        Result r = run("run", "--max-heap", "32m", "--classpath", classes, "plugin.Hog");
        assertEquals(3, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("OutOfMemoryError"), r.printed());
        assertTrue(r.stderr().contains("--max-heap"), "advice in the command line's own terms: " + r.printed());
        assertFalse(r.stderr().contains("IsolateOptions"), "no API names in advice for a shell user: " + r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitFourWhenTheTaskOutlivesItsTimeout() throws Exception {
        Result r = run("run", "--timeout", "1s", "--classpath", classes, "plugin.Endless");
        assertEquals(4, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("1000 ms") && r.stderr().contains("killed"), r.printed());
        assertTrue(r.stderr().contains("--timeout"), "advice in the command line's own terms: " + r.printed());
        assertFalse(r.stderr().contains("IsolateOptions"), "no API names in advice for a shell user: " + r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitFiveWithTheJvmsOwnWordsWhenTheIsolateCannotStart() throws Exception {
        Result r = run("run", "--jvm-arg", "-XX:+NoSuchFlag", "--classpath", classes, "plugin.Greet");
        assertEquals(5, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("Unrecognized VM option 'NoSuchFlag'"), r.printed());
        assertTrue(r.stderr().contains("isolatectl run:"), "isolatectl says what happened: " + r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertNoStackTrace(r);
    }
}
