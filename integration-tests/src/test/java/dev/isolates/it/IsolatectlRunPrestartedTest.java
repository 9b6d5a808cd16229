package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isolates.it.Isolatectl.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isolatectl run} in the daemon's prestarted sandboxed isolate, which gets the plugin's
 * classpath as copies after its start: the same output, exit codes and errors as a run without the
 * daemon, in an isolate started for the command, and the plugin cannot write to the caller's files.
 */
@ExtendWith({ThroughDaemon.class, NoChildProcessLeftBehind.class})
class IsolatectlRunPrestartedTest {
    private static final Duration SPARE_WAIT = Duration.ofSeconds(60);
    private static final Duration ASK_AGAIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static Path classes;

    @BeforeAll
    static void compilePlugins() throws Exception {
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Where.java", """
                        package plugin;
                        import java.nio.file.*;
                        public class Where {
                            public static void main(String[] args) throws Exception {
                                Path from = Path.of(Where.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                                try {
                                    Files.writeString(from.resolve("marker.txt"), "changed by the plugin");
                                } catch (java.io.IOException e) {
                                    System.err.println("could not write next to its classes");
                                }
                                System.out.println("code from " + from);
                                System.err.println("a line on stderr");
                                System.exit(Integer.parseInt(args[0]));
                            }
                        }
                        """,
                "plugin/ExitsInRun.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.*;
                        public class ExitsInRun implements IsolateTask {
                            public Object run(List<String> args) { System.exit(9); return null; }
                        }
                        """));
        Files.writeString(classes.resolve("marker.txt"), "original");
    }

    @Test
    void shouldRunAPluginInAPrestartedIsolateWithItsOutputAndExitCodeAsInOneStartedForIt() throws Exception {
        SandboxAvailable.require();
        Result started = run("--no-daemon", "run", "--classpath", classes.toString(), "plugin.Where", "3");
        awaitPrestarted();
        Result prestarted = run("run", "--classpath", classes.toString(), "plugin.Where", "3");

        assertEquals(3, started.exitCode(), started.printed());
        assertEquals(3, prestarted.exitCode(), prestarted.printed());
        assertEquals("code from " + classes.toRealPath() + "\n", started.stdout(), started.printed());
        String copy = prestarted.stdout().strip().substring("code from ".length());
        assertTrue(copy.endsWith("/classpath/0/classes"), "a copy in the isolate's folder: " + prestarted.printed());
        assertEquals("could not write next to its classes\na line on stderr\n", started.stderr(), started.printed());
        assertEquals("a line on stderr\n", prestarted.stderr(), "its copy is its own to write: " + prestarted.printed());
        assertEquals("original", Files.readString(classes.resolve("marker.txt")), "the caller's files are untouched");
    }

    @Test
    void shouldNameThePluginAsInAnIsolateStartedForItWhenAPrestartedOneCrashes() throws Exception {
        SandboxAvailable.require();
        awaitPrestarted();
        Result prestarted = run("run", "--classpath", classes.toString(), "plugin.ExitsInRun");
        Result started = run("--no-daemon", "run", "--classpath", classes.toString(), "plugin.ExitsInRun");

        assertEquals(3, prestarted.exitCode(), prestarted.printed());
        assertEquals(started.exitCode(), prestarted.exitCode(), started.printed());
        assertTrue(prestarted.stderr().contains("\"ExitsInRun\""), prestarted.printed());
        assertEquals(withoutPids(started.stderr()), withoutPids(prestarted.stderr()));
        assertEquals(started.stdout(), prestarted.stdout());
    }

    @Test
    void shouldSayAClassIsMissingAsInAnIsolateStartedForIt() throws Exception {
        SandboxAvailable.require();
        awaitPrestarted();
        Result prestarted = run("run", "--classpath", classes.toString(), "plugin.Missing");
        Result started = run("--no-daemon", "run", "--classpath", classes.toString(), "plugin.Missing");

        assertEquals(2, prestarted.exitCode(), prestarted.printed());
        assertEquals(started.exitCode(), prestarted.exitCode(), started.printed());
        assertTrue(prestarted.stderr().contains("not on the isolate's classpath"), prestarted.printed());
        assertEquals(started.stderr(), prestarted.stderr());
    }

    private static String withoutPids(String text) {
        return text.replaceAll("pid [0-9]+", "pid N");
    }

    /**
     * Waits until the daemon has a prestarted plugin isolate ready. It starts one after a plugin run
     * that found none, and ends it after 30 s unused: a run that finds none asks for one, at first
     * and every few seconds.
     */
    private static void awaitPrestarted() throws Exception {
        long deadline = System.nanoTime() + SPARE_WAIT.toNanos();
        long nextAsk = System.nanoTime();
        Result status = null;
        while (System.nanoTime() < deadline) {
            status = run("daemon", "status");
            if (status.stdout().contains(", 1 prestarted plugin isolates")) {
                return;
            }
            if (System.nanoTime() - nextAsk >= 0) {
                run("run", "--classpath", classes.toString(), "plugin.Where", "0");
                nextAsk = System.nanoTime() + ASK_AGAIN.toNanos();
            }
            Thread.sleep(200);
        }
        fail("no prestarted plugin isolate within " + SPARE_WAIT.toSeconds() + " s; last status: "
                + (status == null ? "none" : status.printed()));
    }

    private static Result run(String... args) throws Exception {
        return Isolatectl.run(dir, args);
    }
}
