package dev.isolates.scripts;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The jfr section: what a running JFR recording (the JDK's default settings, and the library's
 * {@code dev.isolates.*} events) costs the pool's tiny tasks, and what of that is the library's
 * events: windows with no recording, with the JDK's default recording alone, and with the library's
 * events too take turns on one pool; the figures are medians over the windows. Not thread-safe.
 */
final class FlightRecorderBench {
    private static final String[] EVENTS = {"dev.isolates.IsolateStarted", "dev.isolates.IsolateEnded",
        "dev.isolates.PoolTask", "dev.isolates.Transfer", "dev.isolates.RestartIntensityExceeded"};
    private final boolean quick;
    private final BenchTable table;

    FlightRecorderBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }

    /** Runs the section. */
    void run() throws Exception {
        int windows = quick ? 4 : 10;
        int n = quick ? 5_000 : 20_000;
        byte[] payload = new byte[64];
        IsolateCallable<byte[]> echo = () -> payload;
        List<IsolateCallable<byte[]>> tasks = Collections.nCopies(n, echo);
        // 0: no recording, 1: the JDK's default recording and the library's events, 2: the default recording alone
        long[][] p50 = new long[3][windows];
        long[][] bulk = new long[3][windows];
        try (IsolatePool pool = IsolatePool.builder().size(2)
                .options(IsolateOptions.builder().debugName("bench-jfr").build()).build()) {
            for (int i = 0; i < Bench.WARM_UP; i++) {
                pool.submit(echo).get(10, TimeUnit.SECONDS);
            }
            for (int w = -1; w < windows; w++) {
                for (int turn = 0; turn < 3; turn++) {
                    int side = (turn + Math.max(w, 0)) % 3; // each side goes first every third window
                    try (Recording r = side == 0 ? null : started(side == 1)) {
                        long[] lat = new long[n];
                        for (int i = 0; i < n; i++) {
                            long t = System.nanoTime();
                            pool.submit(echo).get(10, TimeUnit.SECONDS);
                            lat[i] = System.nanoTime() - t;
                        }
                        long t = System.nanoTime();
                        for (CompletableFuture<byte[]> f : pool.submitAll(tasks)) {
                            f.get(60, TimeUnit.SECONDS);
                        }
                        long took = System.nanoTime() - t;
                        if (w >= 0) {
                            p50[side][w] = (long) (new Percentiles(lat).micros(50) * 1000);
                            bulk[side][w] = took;
                        }
                    }
                }
            }
        }
        double without = new Percentiles(p50[0]).medianMillis() * 1e3;
        double with = new Percentiles(p50[1]).medianMillis() * 1e3;
        double jdkOnly = new Percentiles(p50[2]).medianMillis() * 1e3;
        table.row("pool tiny task p50, JFR recording", "%.1f us", with, "no recording", BenchTable.fmt(without) + " us",
                without / with);
        table.row("pool tiny task p50, JFR recording", "%.1f us", with, "the recording without dev.isolates events",
                BenchTable.fmt(jdkOnly) + " us", jdkOnly / with);
        double bulkWithout = n / (new Percentiles(bulk[0]).medianMillis() / 1e3);
        double bulkWith = n / (new Percentiles(bulk[1]).medianMillis() / 1e3);
        double bulkJdkOnly = n / (new Percentiles(bulk[2]).medianMillis() / 1e3);
        table.row("pool submitAll, JFR recording", "%.0f /s", bulkWith, "no recording",
                String.format(java.util.Locale.ROOT, "%.0f /s", bulkWithout), bulkWith / bulkWithout);
        table.row("pool submitAll, JFR recording", "%.0f /s", bulkWith, "the recording without dev.isolates events",
                String.format(java.util.Locale.ROOT, "%.0f /s", bulkJdkOnly), bulkWith / bulkJdkOnly);
    }

    /** A recording with the JDK's default settings, and every event of the library if {@code library}, started. */
    private static Recording started(boolean library) throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("default"));
        for (String event : EVENTS) {
            if (library) {
                r.enable(event).withoutThreshold();
            } else {
                r.disable(event);
            }
        }
        r.setToDisk(true);
        r.start();
        return r;
    }
}
