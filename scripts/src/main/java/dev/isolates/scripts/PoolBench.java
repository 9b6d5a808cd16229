package dev.isolates.scripts;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A pool of 2 isolates running tiny tasks (sequential, all at once, submitAll, map), and, when its
 * folder is given, the Python ProcessPoolExecutor peer run right after and set beside it. Not
 * thread-safe.
 */
final class PoolBench {
    private final boolean quick;
    private final BenchTable table;

    PoolBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }
    private double[] poolFigures;

    /** Runs the section. */
    void run() throws Exception {
        int n = quick ? 20_000 : 100_000;
        byte[] payload = new byte[64];
        IsolateCallable<byte[]> echo = () -> payload; // 64 bytes each way, as the peers send
        try (IsolatePool pool = IsolatePool.builder().size(2)
                .options(IsolateOptions.builder().debugName("bench-pool").build()).build()) {
            for (int i = 0; i < Bench.WARM_UP; i++) {
                pool.submit(echo).get(10, TimeUnit.SECONDS);
            }
            long[] lat = new long[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                pool.submit(echo).get(10, TimeUnit.SECONDS);
                lat[i] = System.nanoTime() - t;
            }
            double sequential = n / ((System.nanoTime() - t0) / 1e9);
            Percentiles a = new Percentiles(lat);
            // One at a time, only the first isolate ran tasks: warm the other too, as the peers do.
            allAtOnce(pool, echo, Math.min(Bench.WARM_UP, n));
            long t1 = System.nanoTime();
            allAtOnce(pool, echo, n);
            double pipelined = n / ((System.nanoTime() - t1) / 1e9);
            List<IsolateCallable<byte[]>> tasks = java.util.Collections.nCopies(n, echo);
            pool.submitAll(tasks.subList(0, Math.min(Bench.WARM_UP, n))).forEach(java.util.concurrent.CompletableFuture::join);
            long t2 = System.nanoTime();
            for (java.util.concurrent.CompletableFuture<byte[]> f : pool.submitAll(tasks)) {
                f.get(60, TimeUnit.SECONDS);
            }
            double bulk = n / ((System.nanoTime() - t2) / 1e9);
            List<byte[]> inputs = java.util.Collections.nCopies(n, payload);
            dev.isolates.IsolateFunction<byte[], byte[]> same = b -> b; // echo, as the Python peer maps
            pool.map(same, inputs.subList(0, Math.min(Bench.WARM_UP, n)), 256).get(60, TimeUnit.SECONDS);
            long t3 = System.nanoTime();
            int mapped = pool.map(same, inputs, 256).get(60, TimeUnit.SECONDS).size();
            double map = mapped / ((System.nanoTime() - t3) / 1e9);
            poolFigures = new double[] {a.micros(50), a.micros(99), sequential, pipelined, bulk, map};
            table.row("pool of 2, tiny task p50", "%.1f us", a.micros(50), "", "", Double.NaN);
            table.row("pool of 2, tiny task p99", "%.1f us", a.micros(99), "", "", Double.NaN);
            table.row("pool of 2, sequential", "%.0f /s", sequential, "", "", Double.NaN);
            table.row("pool of 2, all submitted at once", "%.0f /s", pipelined, "", "", Double.NaN);
            table.row("pool of 2, submitAll", "%.0f /s", bulk, "", "", Double.NaN);
            table.row("pool of 2, map chunk 256", "%.0f /s", map, "", "", Double.NaN);
        }
    }

    /** Submits {@code n} tasks one by one, then waits for them all. */
    private static void allAtOnce(IsolatePool pool, IsolateCallable<byte[]> task, int n) throws Exception {
        List<java.util.concurrent.CompletableFuture<byte[]>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(pool.submit(task));
        }
        for (java.util.concurrent.CompletableFuture<byte[]> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    // ---- json ----

    /** Runs the Python ProcessPoolExecutor peer right after, when its folder is given, and sets it beside the pool. */
    void pythonPeer(String peers) throws Exception {
        java.nio.file.Path script = java.nio.file.Path.of(peers, "py", "rt.py");
        if (!java.nio.file.Files.isRegularFile(script) || poolFigures == null) {
            System.out.println("no Python peer at " + script + "; skipped");
            return;
        }
        Process p = new ProcessBuilder("python3", script.toString(), quick ? "20000" : "100000", "1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        System.out.print(out);
        java.util.regex.Matcher seq = java.util.regex.Pattern.compile(
                "py-ppe seq .*p50_us=([0-9.]+) p99_us=([0-9.]+) tasks_per_s=([0-9.]+)").matcher(out);
        if (seq.find()) {
            double p50 = Double.parseDouble(seq.group(1));
            double p99 = Double.parseDouble(seq.group(2));
            table.row("pool of 2 vs Python PPE, p50", "%.1f us", poolFigures[0], "python ppe", BenchTable.fmt(p50) + " us",
                    p50 / poolFigures[0]);
            table.row("pool of 2 vs Python PPE, p99", "%.1f us", poolFigures[1], "python ppe", BenchTable.fmt(p99) + " us",
                    p99 / poolFigures[1]);
            rateRow("pool of 2 vs Python PPE, seq tasks/s", poolFigures[2], seq.group(3));
        }
        String pipelined = pythonRate(out, "pipelined");
        if (pipelined != null) {
            rateRow("pool of 2 vs Python PPE, pipelined", poolFigures[3], pipelined);
            rateRow("pool of 2 submitAll vs Python submit", poolFigures[4], pipelined);
        }
        String map = pythonRate(out, "map_chunk256");
        if (map != null) {
            rateRow("pool of 2 map(256) vs Python map(256)", poolFigures[5], map);
        }
    }

    /** The {@code tasks_per_s} of the Python peer's line for {@code mode}, or null when it printed none. */
    private static String pythonRate(String out, String mode) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("py-ppe " + mode + " .*tasks_per_s=([0-9.]+)")
                .matcher(out);
        return m.find() ? m.group(1) : null;
    }

    /** A row of tasks per second beside the Python peer's {@code pythonRate} from the same run. */
    private void rateRow(String what, double ours, String pythonRate) {
        double rate = Double.parseDouble(pythonRate);
        table.row(what, "%.0f /s", ours, "python ppe", String.format(Locale.ROOT, "%.0f /s", rate), ours / rate);
    }

    // ---- output ----
}
