package dev.isolates.scripts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cli section: whole commands as a user types them, each started as its own process and timed
 * from start to exit, the sides taking turns; medians. {@code isolatectl json --workers 2} over a
 * generated batch with a warm daemon beside a plain one-thread Jackson program
 * ({@link PlainJsonSummary}); the first command, which starts the daemon, beside the same command
 * with {@code --no-daemon}; {@code isolatectl run} of a trivial plugin with a warm daemon beside
 * {@code java -version}. The daemon lives in a folder of its own and is stopped at the end. Not
 * thread-safe.
 */
final class CliBench {
    private final boolean quick;
    private final BenchTable table;
    private final Path root;

    CliBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
        this.root = Path.of(System.getProperty("isolates.root", "."));
    }

    /** Runs the section. */
    void run() throws Exception {
        int reps = quick ? 3 : 7;
        Path batch = Files.createTempDirectory("isolates-bench-cli");
        Path daemonDir = Files.createTempDirectory("isolates-bench-daemon");
        try {
            long bytes = SampleBatch.write(batch, 120, 400, false);
            String isolatectl = root.resolve("scripts/isolatectl").toString();
            String jar = root.resolve("scripts/target/isolates-scripts-0.1.0-SNAPSHOT.jar").toString();
            List<String> plain = List.of(PipeBaseline.java(), "-cp", jar + File.pathSeparator
                    + root.resolve("scripts/target/lib") + File.separator + "*", PlainJsonSummary.class.getName(),
                    batch.toString());
            List<String> json = List.of(isolatectl, "json", "--workers", "2", batch.toString());
            List<String> coldJson = List.of(isolatectl, "--no-daemon", "json", "--workers", "2", batch.toString());
            List<String> stop = List.of(isolatectl, "daemon", "stop");
            List<String> run = List.of(isolatectl, "run", "--classpath", jar, TrivialTask.class.getName());
            List<String> version = List.of(PipeBaseline.java(), "-version");
            Map<String, String> env = Map.of("ISOLATECTL_DAEMON_DIR", daemonDir.toString());

            long[] first = new long[reps];
            long[] noDaemon = new long[reps];
            for (int r = 0; r < reps; r++) {
                time(stop, env);
                first[r] = time(json, env); // starts the daemon
                noDaemon[r] = time(coldJson, env);
            }
            for (int r = 0; r < 2; r++) { // the daemon's isolates warm up
                time(json, env);
            }
            long[] warm = new long[reps];
            long[] jackson = new long[reps];
            long[] runs = new long[reps];
            long[] javaVersion = new long[reps];
            for (int r = 0; r < reps; r++) {
                warm[r] = time(json, env);
                jackson[r] = time(plain, env);
                runs[r] = time(run, env);
                javaVersion[r] = time(version, env);
            }
            time(stop, env);
            double w = new Percentiles(warm).medianMillis();
            double j = new Percentiles(jackson).medianMillis();
            table.row(String.format(Locale.ROOT, "isolatectl json -w 2, warm daemon, %.0f MB", bytes / 1e6), "%.0f ms", w,
                    "plain Jackson, 1 thread", BenchTable.fmt(j) + " ms", j / w);
            double f = new Percentiles(first).medianMillis();
            double n = new Percentiles(noDaemon).medianMillis();
            table.row("isolatectl json -w 2, first (starts daemon)", "%.0f ms", f, "--no-daemon", BenchTable.fmt(n) + " ms",
                    n / f);
            double run50 = new Percentiles(runs).medianMillis();
            double v = new Percentiles(javaVersion).medianMillis();
            table.row("isolatectl run trivial plugin, warm daemon", "%.0f ms", run50, "java -version",
                    BenchTable.fmt(v) + " ms", v / run50);
        } finally {
            dev.isolates.protocol.SessionDirectory.deleteTree(batch);
            dev.isolates.protocol.SessionDirectory.deleteTree(daemonDir);
        }
    }

    /** Nanoseconds from start to exit of {@code command}; its output is dropped, a failure stops the bench. */
    private static long time(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        long t = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        long took = System.nanoTime() - t;
        if (code != 0 && !command.contains("stop")) {
            throw new IllegalStateException("exit code " + code + " from " + String.join(" ", command));
        }
        return took;
    }
}
