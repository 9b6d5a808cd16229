package dev.isolates.regressions;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 13: {@code isolatectl run} names the flag, not the API, for a bad heap size; shows
 * a JVM's own start error once; refuses a result it cannot write as JSON; and gives the cause of a
 * static initializer's failure as a class that cannot be used (exit 2).
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class RunSaysWhatIsWrongInTheUsersTermsTest {
    @TempDir
    static Path dir;
    static String classes;

    @BeforeAll
    static void compilePlugins() throws Exception {
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Bare.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.List;
                        public class Bare implements IsolateTask {
                            public Object run(List<String> args) { return new Object(); }
                        }
                        """,
                "plugin/BadInit.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.List;
                        public class BadInit implements IsolateTask {
                            static final String CONFIG = load();
                            static String load() { throw new IllegalStateException("no config file at /etc/badinit.conf"); }
                            public Object run(List<String> args) { return CONFIG; }
                        }
                        """,
                "plugin/BadInitMain.java", """
                        package plugin;
                        public class BadInitMain {
                            static final int N = Integer.parseInt("not a number");
                            public static void main(String[] args) { System.out.println(N); }
                        }
                        """)).toString();
    }

    @Test
    void shouldNameTheFlagForAHeapSizeItCannotRead() throws Exception {
        Result r = Isolatectl.run(dir, "run", "--max-heap", "lots", "--classpath", classes, "plugin.Bare");
        assertEquals(2, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("--max-heap") && r.stderr().contains("'lots'"), r.printed());
        assertFalse(r.stderr().contains("maxHeap"), "no API name: " + r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldShowTheJvmsOwnStartErrorOnce() throws Exception {
        Result r = Isolatectl.run(dir, "run", "--jvm-arg", "-Xbogus", "--classpath", classes, "plugin.Bare");
        assertEquals(5, r.exitCode(), r.printed());
        assertEquals(1, r.stderr().split("Unrecognized option: -Xbogus", -1).length - 1, "once: " + r.printed());
        assertTrue(r.stderr().contains("isolatectl run:"), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitOneSayingAResultWithNothingToWriteCannotBeWrittenAsJson() throws Exception {
        Result r = Isolatectl.run(dir, "run", "--classpath", classes, "plugin.Bare");
        assertEquals(1, r.exitCode(), r.printed());
        assertEquals("", r.stdout(), "no {} for an object with nothing in it: " + r.printed());
        assertTrue(r.stderr().contains("java.lang.Object") && r.stderr().contains("cannot be written as JSON"), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitTwoWithTheCauseWhenAStaticInitializerThrows() throws Exception {
        Result task = Isolatectl.run(dir, "run", "--classpath", classes, "plugin.BadInit");
        assertEquals(2, task.exitCode(), task.printed());
        assertTrue(task.stderr().contains("plugin.BadInit")
                && task.stderr().contains("java.lang.IllegalStateException: no config file at /etc/badinit.conf"), task.printed());
        assertFalse(task.stderr().contains("ExceptionInInitializerError"), task.printed());
        assertNoStackTrace(task);

        Result main = Isolatectl.run(dir, "run", "--classpath", classes, "plugin.BadInitMain");
        assertEquals(2, main.exitCode(), main.printed());
        assertTrue(main.stderr().contains("java.lang.NumberFormatException") && main.stderr().contains("not a number"),
                main.printed());
        assertFalse(main.stderr().contains("ExceptionInInitializerError"), main.printed());
        assertNoStackTrace(main);
    }
}
