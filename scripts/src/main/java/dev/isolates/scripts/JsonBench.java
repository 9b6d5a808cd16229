package dev.isolates.scripts;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The json job's throughput: a batch (generated, or the folder given with {@code --json DIR})
 * parsed by the pools of 1 and 2 isolates that {@code isolatectl json} uses, beside the same files
 * parsed by Jackson in one thread of this JVM. The three take turns, round after round, so a slow
 * spell of this shared machine hits all of them alike; each gets the same warm-up rounds first
 * (the JITs of two isolates warming at once need about 1 GB, and the supervisor's, which sees
 * only a few hundred tasks a round, was still compiling after 10 rounds). Rates are medians over
 * the measured rounds; the speed-up is the median of the per-round ratios.
 */
final class JsonBench {
    /** Documents in flight, as isolatectl json keeps them: each waits in its isolate's shared memory until counted. */
    private static final int IN_FLIGHT = 16;
    private final boolean quick;
    private final BenchTable table;
    private final String jsonDir;

    JsonBench(boolean quick, BenchTable table, String jsonDir) {
        this.quick = quick;
        this.table = table;
        this.jsonDir = jsonDir;
    }

    void run() throws Exception {
        try (BenchBatch batch = BenchBatch.open(jsonDir, quick, "isolates-bench-json")) {
            List<java.nio.file.Path> files = batch.files();
            long bytes = batch.bytes();
            int rounds = quick ? 3 : 21;
            int warmUps = quick ? 3 : 20;
            long[] single = new long[rounds];
            long[][] pooled = new long[2][rounds];
            double[][] ratios = new double[2][rounds];
            try (IsolatePool one = jsonPool(1); IsolatePool two = jsonPool(2)) {
                IsolatePool[] pools = {one, two};
                for (int r = -warmUps; r < rounds; r++) {
                    long t = System.nanoTime();
                    for (java.nio.file.Path f : files) {
                        PlainJsonSummary.line(f);
                    }
                    long alone = System.nanoTime() - t;
                    for (int p = 0; p < 2; p++) {
                        long took = parseAll(pools[p], files);
                        if (r >= 0) {
                            pooled[p][r] = took;
                            ratios[p][r] = (double) alone / took;
                        }
                    }
                    if (r >= 0) {
                        single[r] = alone;
                    }
                }
            }
            double baseline = bytes / 1e6 / (new Percentiles(single).medianMillis() / 1e3);
            for (int p = 0; p < 2; p++) {
                double rate = bytes / 1e6 / (new Percentiles(pooled[p]).medianMillis() / 1e3);
                double[] sorted = ratios[p].clone();
                Arrays.sort(sorted);
                table.row("json summary, " + (p + 1) + " isolate" + (p > 0 ? "s" : ""), "%.0f MB/s", rate,
                        "jackson 1 thread", String.format(Locale.ROOT, "%.0f MB/s", baseline), sorted[sorted.length / 2]);
            }
            System.out.printf(Locale.ROOT, "json: %d files, %.1f MB, %d warm-up and %d measured rounds; "
                            + "per-round speed-up of 2 isolates: %s%n", files.size(), bytes / 1e6, warmUps, rounds,
                    Arrays.toString(Arrays.stream(ratios[1]).map(x -> Math.round(x * 100) / 100.0).toArray()));
        }
    }

    /** A pool as {@code isolatectl json} builds it. */
    private static IsolatePool jsonPool(int workers) {
        return IsolatePool.builder().size(workers).prefetch(true)
                .options(IsolateOptions.builder().debugName("bench-json").build()).build();
    }

    /**
     * Nanoseconds for {@code pool} to summarize every file as {@code isolatectl json} does: parsed into
     * tapes in the isolates, counted here, a bounded number of documents in flight.
     */
    private static long parseAll(IsolatePool pool, List<java.nio.file.Path> files) throws Exception {
        long t = System.nanoTime();
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<?>> inFlight = new java.util.ArrayDeque<>();
        for (java.nio.file.Path f : files) {
            if (inFlight.size() == IN_FLIGHT) {
                dev.isolates.cli.JsonFiles.summaryLine(inFlight.poll().get(120, TimeUnit.SECONDS));
            }
            inFlight.add(pool.submit(dev.isolates.cli.JsonFiles.parseTask(f)));
        }
        while (!inFlight.isEmpty()) {
            dev.isolates.cli.JsonFiles.summaryLine(inFlight.poll().get(120, TimeUnit.SECONDS));
        }
        return System.nanoTime() - t;
    }
}
