package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An isolate whose JVM dies fails its call with the facts of the death, never a hang. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolateCrashTest {

    @Test
    void shouldReportSystemExitWithItsExitCode() throws Exception {
        IsolateCrashedException crash = crash(() -> {
            System.err.println("about to exit on purpose");
            System.exit(7);
            return null;
        }, IsolateOptions.defaults());

        assertEquals("System.exit", crash.reason());
        assertEquals(7, crash.exitCode());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertTrue(crash.stderrTail().contains("about to exit on purpose"), crash.stderrTail());
        assertPidNamed(crash);
    }

    @Test
    void shouldReportRuntimeHalt() throws Exception {
        IsolateCrashedException crash = crash(() -> {
            Runtime.getRuntime().halt(9);
            return null;
        }, IsolateOptions.defaults());

        assertEquals("Runtime.halt", crash.reason());
        assertEquals(9, crash.exitCode());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertPidNamed(crash);
    }

    @Test
    void shouldReportTheCodesOwnHaltWithAnExitCodeTheLibraryAlsoUses() throws Exception {
        IsolateCrashedException crash = crash(() -> {
            Runtime.getRuntime().halt(97); // the code a worker uses when its supervisor is gone
            return null;
        }, IsolateOptions.defaults());

        assertEquals("Runtime.halt", crash.reason());
        assertEquals(97, crash.exitCode());
    }

    @Test
    void shouldReportOutOfMemoryErrorUnderSmallHeap() throws Exception {
        IsolateCrashedException crash = crash(() -> {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[128 * 1024]);
            }
        }, IsolateOptions.builder().maxHeap("32m").build());

        assertEquals("OutOfMemoryError", crash.reason(), crash.getMessage());
        assertTrue(crash.getMessage().contains("maxHeap"), "the message should say what to do: " + crash.getMessage());
        assertPidNamed(crash);
    }

    @Test
    void shouldReportStackOverflowError() throws Exception {
        IsolateCrashedException crash = crash(() -> recurse(0), IsolateOptions.defaults());

        assertEquals("StackOverflowError", crash.reason(), crash.getMessage());
        assertTrue(crash.stderrTail().contains("StackOverflowError"), crash.stderrTail());
        assertPidNamed(crash);
    }

    @Test
    void shouldReportSigkillWhenIsolateKillsItself() throws Exception {
        IsolateCrashedException crash = crash(() -> {
            String self = Long.toString(ProcessHandle.current().pid());
            new ProcessBuilder("kill", "-9", self).inheritIO().start().waitFor();
            Thread.sleep(60_000); // SIGKILL ends the JVM before this does
            return "survived kill -9";
        }, IsolateOptions.defaults());

        assertEquals("SIGKILL", crash.reason(), crash.getMessage());
        assertEquals(OptionalInt.of(9), crash.signal());
        assertEquals(128 + 9, crash.exitCode());
        assertPidNamed(crash);
    }

    private static IsolateCrashedException crash(IsolateCallable<?> computation, IsolateOptions options) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Isolates.run(computation, options).get(60, SECONDS));
        return assertInstanceOf(IsolateCrashedException.class, e.getCause());
    }

    private static void assertPidNamed(IsolateCrashedException crash) {
        assertTrue(crash.pid() > 0, "pid " + crash.pid());
        assertTrue(crash.getMessage().contains("pid " + crash.pid()), crash.getMessage());
        assertTrue(crash.getMessage().contains(crash.reason()), crash.getMessage());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
