package dev.isolates.scripts;

import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Cold {@code Isolates.run} latency beside {@code java -version}, and a run on a prestarted isolate. Not thread-safe. */
final class ColdRunBench {
    private final boolean quick;
    private final BenchTable table;

    ColdRunBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }

    /** Runs the section. */
    void run() throws Exception {
        int reps = quick ? 3 : 7;
        // A debug name keeps these calls off the prestarted spares: each starts its JVM cold.
        IsolateOptions cold = IsolateOptions.builder().debugName("bench-cold").build();
        Isolates.run(() -> 1, cold).get(60, TimeUnit.SECONDS); // the supervisor's own first use of Chronicle
        long[] ours = new long[reps];
        long[] javaVersion = new long[reps];
        long[] prestarted = new long[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            Isolates.run(() -> 1, cold).get(60, TimeUnit.SECONDS);
            ours[r] = System.nanoTime() - t;
            t = System.nanoTime();
            Process p = new ProcessBuilder(PipeBaseline.java(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            javaVersion[r] = System.nanoTime() - t;
        }
        Isolates.run(() -> 1).get(60, TimeUnit.SECONDS); // from now on a spare is kept ready
        for (int r = 0; r < reps; r++) {
            Thread.sleep(2_000); // time for the spare to be ready again
            long t = System.nanoTime();
            Isolates.run(() -> 1).get(60, TimeUnit.SECONDS);
            prestarted[r] = System.nanoTime() - t;
        }
        double a = new Percentiles(ours).medianMillis();
        double b = new Percentiles(javaVersion).medianMillis();
        double c = new Percentiles(prestarted).medianMillis();
        table.row("cold Isolates.run, tiny result", "%.0f ms", a, "java -version", BenchTable.fmt(b) + " ms", b / a);
        table.row("Isolates.run, prestarted isolate", "%.1f ms", c, "cold run", String.format(Locale.ROOT, "%.0f ms", a), a / c);
    }

    // ---- pool ----
}
