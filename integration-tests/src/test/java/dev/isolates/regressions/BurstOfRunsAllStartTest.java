package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.launcher.JdkFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many {@code Isolates.run} calls made at once, from several threads, all succeed: isolates start a
 * few at a time and the rest wait their turn, so a burst is slower but no start fails or times out.
 * The supervisor runs in a JVM of its own with a connect timeout of 10 s, so a burst small enough
 * for a shared 2-core machine is big enough to have failed when every start began at once. A minute
 * long, it runs with the soak tests ({@code -Psoak}), which CI runs too.
 */
@Tag("soak")
class BurstOfRunsAllStartTest {
    private static final int THREADS = 8;
    private static final int RUNS_PER_THREAD = Integer.getInteger("regression.burst.runsPerThread", 10);

    @TempDir
    Path scratch;

    @Test
    void shouldAnswerEveryRunOfABurstFromEightThreads() throws Exception {
        List<String> args = new ArrayList<>(JdkFlags.forThisJdk());
        args.add("-Disolates.session.base=" + scratch.resolve("sessions"));
        args.add("-Disolates.run.spares=0");
        args.add("-Disolates.startTimeoutMillis=10000");
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        args.add(EmbeddingProgram.class.getName());
        args.add("burst");
        args.add(Integer.toString(THREADS));
        args.add(Integer.toString(RUNS_PER_THREAD));

        try (OutsideJvm jvm = OutsideJvm.start(scratch, args)) {
            // every start waits its turn: a bound for the whole burst on 2 shared cores, still a bound
            List<String> lines = jvm.awaitOutput(Duration.ofSeconds(1000));

            assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("failed ")).toList(), jvm.report());
            assertEquals(Integer.toString(THREADS * RUNS_PER_THREAD), jvm.value(lines, "answered"), jvm.report());
        }
    }
}
