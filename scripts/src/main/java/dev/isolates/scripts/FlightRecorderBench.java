package dev.isolates.scripts;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The jfr section: what a running JFR recording (the JDK's default settings, and the library's
 * {@code dev.isolates.*} events) costs the pool's tiny tasks, and what of that is the library's
 * events. Windows take turns on one pool: no recording; the JDK's default recording with the
 * library's events at their own defaults (a task's event only past its 20 ms task threshold); the
 * same recording without the library's events; and the recording with an event for every task
 * ({@code taskThreshold=0 ns}). The figures are medians over the windows; a window's bulk figure is the best of three
 * submissions. Not thread-safe.
 */
final class FlightRecorderBench {
    private static final String[] EVENTS = {"dev.isolates.IsolateStarted", "dev.isolates.IsolateEnded",
        "dev.isolates.PoolTask", "dev.isolates.Transfer", "dev.isolates.RestartIntensityExceeded"};
    private static final int NONE = 0;
    private static final int DEFAULTS = 1;
    private static final int JDK_ONLY = 2;
    private static final int EVERY_TASK = 3;
    private static final int SIDES = 4;
    private final boolean quick;
    private final BenchTable table;

    FlightRecorderBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }

    /** Runs the section. */
    void run() throws Exception {
        int windows = quick ? 4 : 24;
        int n = quick ? 5_000 : 20_000;
        int bulkN = quick ? 10_000 : 50_000;
        byte[] payload = new byte[64];
        IsolateCallable<byte[]> echo = () -> payload;
        List<IsolateCallable<byte[]>> tasks = Collections.nCopies(bulkN, echo);
        long[][] p50 = new long[SIDES][windows];
        long[][] bulk = new long[SIDES][windows];
        try (IsolatePool pool = IsolatePool.builder().size(2)
                .options(IsolateOptions.builder().debugName("bench-jfr").build()).build()) {
            for (int i = 0; i < Bench.WARM_UP; i++) {
                pool.submit(echo).get(10, TimeUnit.SECONDS);
            }
            List<Integer> order = new ArrayList<>(List.of(NONE, DEFAULTS, JDK_ONLY, EVERY_TASK));
            Random shuffle = new Random(42);
            for (int w = -1; w < windows; w++) {
                // a new order each window: no side always follows the same other (a recording that
                // has just stopped still writes its file for a moment)
                Collections.shuffle(order, shuffle);
                for (int side : order) {
                    try (Recording r = side == NONE ? null : started(side)) {
                        long[] lat = new long[n];
                        for (int i = 0; i < n; i++) {
                            long t = System.nanoTime();
                            pool.submit(echo).get(10, TimeUnit.SECONDS);
                            lat[i] = System.nanoTime() - t;
                        }
                        long took = Long.MAX_VALUE; // the best of three: a window's other work on this machine shows less
                        for (int round = 0; round < 3; round++) {
                            long t = System.nanoTime();
                            for (CompletableFuture<byte[]> f : pool.submitAll(tasks)) {
                                f.get(60, TimeUnit.SECONDS);
                            }
                            took = Math.min(took, System.nanoTime() - t);
                        }
                        if (w >= 0) {
                            p50[side][w] = (long) (new Percentiles(lat).micros(50) * 1000);
                            bulk[side][w] = took;
                        }
                    }
                }
            }
        }
        double[] micros = new double[SIDES];
        double[] perSecond = new double[SIDES];
        for (int side = 0; side < SIDES; side++) {
            micros[side] = new Percentiles(p50[side]).medianMillis() * 1e3;
            perSecond[side] = bulkN / (new Percentiles(bulk[side]).medianMillis() / 1e3);
        }
        rows("pool tiny task p50", "%.1f us", micros, true);
        rows("pool submitAll", "%.0f /s", perSecond, false);
    }

    /**
     * The section's three rows of one measure: the library's defaults against no recording and
     * against the JDK's recording alone, and every task's event against no recording.
     */
    private void rows(String measure, String format, double[] bySide, boolean lowerIsBetter) {
        row(measure + ", JFR recording", format, bySide, DEFAULTS, NONE, "no recording", lowerIsBetter);
        row(measure + ", JFR recording", format, bySide, DEFAULTS, JDK_ONLY, "the recording without dev.isolates events",
                lowerIsBetter);
        row(measure + ", JFR, every task's event", format, bySide, EVERY_TASK, NONE, "no recording", lowerIsBetter);
    }

    private void row(String measure, String format, double[] bySide, int side, int base, String baseName,
                     boolean lowerIsBetter) {
        double ratio = lowerIsBetter ? bySide[base] / bySide[side] : bySide[side] / bySide[base];
        table.row(measure, format, bySide[side], baseName, String.format(Locale.ROOT, format, bySide[base]), ratio);
    }

    /** A recording with the JDK's default settings and the library's events as {@code side} has them, started. */
    private static Recording started(int side) throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("default"));
        for (String event : EVENTS) {
            if (side == JDK_ONLY) {
                r.disable(event);
            } else if (side == EVERY_TASK && event.equals("dev.isolates.PoolTask")) {
                r.enable(event).with("taskThreshold", "0 ns");
            } else {
                r.enable(event);
            }
        }
        r.setToDisk(true);
        r.start();
        return r;
    }
}
