package dev.isolates.scripts;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.Sandbox;
import dev.isolates.launcher.Bubblewrap;
import dev.isolates.launcher.JdkFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold {@code Isolates.run} latency beside {@code java -version}, a run on a prestarted isolate, and a
 * program's very first run as a whole command. Not thread-safe.
 */
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
        sandboxed(reps);
        double a = new Percentiles(ours).medianMillis();
        double b = new Percentiles(javaVersion).medianMillis();
        double c = new Percentiles(prestarted).medianMillis();
        table.row("cold Isolates.run, tiny result", "%.0f ms", a, "java -version", BenchTable.fmt(b) + " ms", b / a);
        table.row("Isolates.run, prestarted isolate", "%.1f ms", c, "cold run", String.format(Locale.ROOT, "%.0f ms", a), a / c);
        firstRunOfAProgram(reps);
    }

    /**
     * {@link FirstRun} as a whole command, from {@code java} to its exit, beside {@code java -version};
     * the two take turns. The first command, left out, may record the isolates' class archive.
     */
    private void firstRunOfAProgram(int reps) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PipeBaseline.java());
        command.addAll(JdkFlags.forThisJdk());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstRun.class.getName()));
        List<String> javaVersion = List.of(PipeBaseline.java(), "-version");
        WholeCommand.time(command, null, Map.of());
        Thread.sleep(5_000); // the archive, if that command recorded one, is made by then
        long[] ours = new long[reps];
        long[] baseline = new long[reps];
        for (int r = 0; r < reps; r++) {
            ours[r] = WholeCommand.time(command, null, Map.of());
            baseline[r] = WholeCommand.time(javaVersion, null, Map.of());
        }
        double a = new Percentiles(ours).medianMillis();
        double b = new Percentiles(baseline).medianMillis();
        table.row("first Isolates.run of a program", "%.0f ms", a, "java -version", BenchTable.fmt(b) + " ms", b / a);
    }

    /**
     * A sandboxed isolate's cold start and tiny round trip beside an untrusted one without the sandbox:
     * the same decoding, so the difference is bubblewrap's.
     */
    private void sandboxed(int reps) throws Exception {
        if (!Bubblewrap.find().usable()) {
            System.out.println("sandboxed isolates: skipped, " + Bubblewrap.find().problem().orElse(""));
            return;
        }
        IsolateOptions plain = IsolateOptions.builder().debugName("bench-plain").untrusted(true)
                .sandbox(Sandbox.none()).build();
        IsolateOptions boxed = IsolateOptions.builder().debugName("bench-sandboxed").untrusted(true)
                .sandbox(Sandbox.strict()).build();
        Isolates.run(() -> 1, boxed).get(60, TimeUnit.SECONDS); // bwrap's probe, once per JVM
        long[] plainStart = new long[reps];
        long[] boxedStart = new long[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            Isolates.run(() -> 1, plain).get(60, TimeUnit.SECONDS);
            plainStart[r] = System.nanoTime() - t;
            t = System.nanoTime();
            Isolates.run(() -> 1, boxed).get(60, TimeUnit.SECONDS);
            boxedStart[r] = System.nanoTime() - t;
        }
        double p = new Percentiles(plainStart).medianMillis();
        double b = new Percentiles(boxedStart).medianMillis();
        table.row("cold run, sandboxed untrusted isolate", "%.0f ms", b, "untrusted, no sandbox",
                String.format(Locale.ROOT, "%.0f ms", p), p / b);
        int calls = quick ? 2_000 : 10_000;
        double plainTrip = roundTripMicros(plain, calls);
        double boxedTrip = roundTripMicros(boxed, calls);
        table.row("pool round trip, sandboxed untrusted isolate", "%.1f us", boxedTrip, "untrusted, no sandbox",
                String.format(Locale.ROOT, "%.1f us", plainTrip), plainTrip / boxedTrip);
    }

    /** The median time of one tiny task, submitted one at a time to a pool of one isolate started with {@code options}. */
    private static double roundTripMicros(IsolateOptions options, int calls) throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).options(options).build()) {
            for (int i = 0; i < calls; i++) {
                pool.submit(() -> 1).get(60, TimeUnit.SECONDS); // warm-up
            }
            long[] each = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                pool.submit(() -> 1).get(60, TimeUnit.SECONDS);
                each[i] = System.nanoTime() - t;
            }
            return new Percentiles(each).medianMillis() * 1000;
        }
    }

    // ---- pool ----
}
