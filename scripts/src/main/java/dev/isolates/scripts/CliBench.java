package dev.isolates.scripts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cli section: whole commands as a user types them, each started as its own process and timed
 * from start to exit, the sides taking turns; medians. {@code isolatectl json --workers 2} over a
 * generated batch with a warm daemon beside a plain one-thread Jackson program
 * ({@link PlainJsonSummary}); the first command, which starts the daemon, and the second, the
 * daemon's first, each beside the same command with {@code --no-daemon}, each once the machine has
 * settled; {@code isolatectl run} of a trivial
 * plugin with a warm daemon (which keeps a prestarted isolate for plugins) beside
 * {@code java -version}, each after a pause;
 * {@code isolatectl daemon status} through the client the script picks beside the Java client. The
 * daemon lives in a folder of its own and is stopped at the end. Not thread-safe.
 */
final class CliBench {
    /**
     * Long enough for a prestarted isolate to start after the run that took the one before, and for
     * a new daemon to finish its start-up work.
     */
    private static final long SETTLE_MILLIS = 3_000;
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
        String isolatectl = root.resolve("scripts/isolatectl").toString();
        Map<String, String> env = Map.of("ISOLATECTL_DAEMON_DIR", daemonDir.toString());
        List<String> stop = List.of(isolatectl, "daemon", "stop");
        try {
            long bytes = SampleBatch.write(batch, 120, 400, false);
            String jar = root.resolve("scripts/target/isolates-scripts-0.1.0-SNAPSHOT.jar").toString();
            List<String> plain = List.of(PipeBaseline.java(), "-cp", jar + File.pathSeparator
                    + root.resolve("scripts/target/lib") + File.separator + "*", PlainJsonSummary.class.getName(),
                    batch.toString());
            List<String> json = List.of(isolatectl, "json", "--workers", "2", batch.toString());
            List<String> coldJson = List.of(isolatectl, "--no-daemon", "json", "--workers", "2", batch.toString());
            List<String> run = List.of(isolatectl, "run", "--classpath", jar, TrivialTask.class.getName());
            List<String> version = List.of(PipeBaseline.java(), "-version");

            long[] first = new long[reps];
            long[] noDaemon = new long[reps];
            long[] second = new long[reps];
            for (int r = 0; r < reps; r++) {
                WholeCommand.time(stop, null, env);
                awaitNoDaemon(daemonDir); // nor may the stopped daemon's JVM, still exiting,
                Thread.sleep(SETTLE_MILLIS); // or its isolates, which end a moment after it
                first[r] = WholeCommand.time(json, null, env); // runs in-process, starts the daemon as it ends
                awaitDaemon(isolatectl, env, daemonDir); // a daemon still starting would take the next command's CPU
                Thread.sleep(SETTLE_MILLIS); // nor may its first seconds' work (its JIT, its warm-up)
                noDaemon[r] = WholeCommand.time(coldJson, null, env);
                Thread.sleep(SETTLE_MILLIS);
                second[r] = WholeCommand.time(json, null, env); // the daemon's first, in the isolates it started
            }
            for (int r = 0; r < 2; r++) { // the daemon's isolates warm up
                WholeCommand.time(json, null, env);
            }
            long[] warm = new long[reps];
            long[] jackson = new long[reps];
            for (int r = 0; r < reps; r++) {
                warm[r] = WholeCommand.time(json, null, env);
                jackson[r] = WholeCommand.time(plain, null, env);
            }
            // The client's own cost: a command the daemon answers at once, through the client the
            // script picks (the native one, where it was built) and through the Java client.
            List<String> status = List.of(isolatectl, "daemon", "status");
            Map<String, String> javaClient = new HashMap<>(env);
            javaClient.put("ISOLATECTL_CLIENT", "java");
            long[] statusDefault = new long[reps];
            long[] statusJava = new long[reps];
            for (int r = 0; r < reps; r++) {
                statusDefault[r] = WholeCommand.time(status, null, env);
                statusJava[r] = WholeCommand.time(status, null, javaClient);
            }
            // A plugin's run takes the daemon's prestarted isolate, and the next one starts in the
            // background right after: each command is timed once that has settled, as commands a
            // person types are, so no command shares the cores with it.
            WholeCommand.time(run, null, env); // finds none prestarted; the daemon starts one
            long[] runs = new long[reps];
            long[] javaVersion = new long[reps];
            for (int r = 0; r < reps; r++) {
                Thread.sleep(SETTLE_MILLIS);
                runs[r] = WholeCommand.time(run, null, env);
                Thread.sleep(SETTLE_MILLIS);
                javaVersion[r] = WholeCommand.time(version, null, env);
            }
            long[] bigWarm = new long[quick ? 0 : 3];
            long[] bigJackson = new long[bigWarm.length];
            long bigBytes = 0;
            if (bigWarm.length > 0) {
                Path big = Files.createTempDirectory("isolates-bench-cli-1g");
                try {
                    bigBytes = SampleBatch.write(big, 240, 4096, false);
                    List<String> bigJson = List.of(isolatectl, "json", "--workers", "2", big.toString());
                    List<String> bigPlain = new ArrayList<>(plain.subList(0, plain.size() - 1));
                    bigPlain.add(big.toString());
                    WholeCommand.time(bigJson, null, env); // the file cache holds the batch for both
                    for (int r = 0; r < bigWarm.length; r++) {
                        bigWarm[r] = WholeCommand.time(bigJson, null, env);
                        bigJackson[r] = WholeCommand.time(bigPlain, null, env);
                    }
                } finally {
                    dev.isolates.protocol.SessionDirectory.deleteTree(big);
                }
            }
            double w = new Percentiles(warm).medianMillis();
            double j = new Percentiles(jackson).medianMillis();
            table.row(String.format(Locale.ROOT, "isolatectl json -w 2, warm daemon, %.0f MB", bytes / 1e6), "%.0f ms", w,
                    "plain Jackson, 1 thread", BenchTable.fmt(j) + " ms", j / w);
            if (bigWarm.length > 0) {
                double bw = new Percentiles(bigWarm).medianMillis();
                double bj = new Percentiles(bigJackson).medianMillis();
                table.row(String.format(Locale.ROOT, "isolatectl json -w 2, warm daemon, %.2f GB", bigBytes / 1e9), "%.0f ms",
                        bw, "plain Jackson, 1 thread", BenchTable.fmt(bj) + " ms", bj / bw);
            }
            double f = new Percentiles(first).medianMillis();
            double n = new Percentiles(noDaemon).medianMillis();
            table.row("isolatectl json -w 2, first (no daemon yet)", "%.0f ms", f, "--no-daemon", BenchTable.fmt(n) + " ms",
                    n / f);
            double s2 = new Percentiles(second).medianMillis();
            table.row("isolatectl json -w 2, second (the daemon's first)", "%.0f ms", s2, "--no-daemon",
                    BenchTable.fmt(n) + " ms", n / s2);
            double sd = new Percentiles(statusDefault).medianMillis();
            double sj = new Percentiles(statusJava).medianMillis();
            table.row("isolatectl daemon status, warm daemon", "%.1f ms", sd, "ISOLATECTL_CLIENT=java",
                    BenchTable.fmt(sj) + " ms", sj / sd);
            double run50 = new Percentiles(runs).medianMillis();
            double v = new Percentiles(javaVersion).medianMillis();
            table.row("isolatectl run trivial plugin, warm daemon", "%.0f ms", run50, "java -version",
                    BenchTable.fmt(v) + " ms", v / run50);
        } finally {
            WholeCommand.exitCode(stop, env); // also when a command failed: no daemon outlives the run
            dev.isolates.protocol.SessionDirectory.deleteTree(batch);
            dev.isolates.protocol.SessionDirectory.deleteTree(daemonDir);
        }
    }

    /** Waits until the JVM of {@code daemonDir}'s daemon has exited; fails after a minute. */
    private static void awaitNoDaemon(Path daemonDir) throws InterruptedException {
        String mark = "-Disolatectl.daemon.dir=" + daemonDir;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains(mark)).orElse(false))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon in " + daemonDir + " still ran a minute after 'daemon stop'");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until a daemon answers and has started the json isolates of the command that started it
     * (two): its start-up work is done. Fails after a minute.
     */
    private static void awaitDaemon(String isolatectl, Map<String, String> env, Path daemonDir)
            throws IOException, InterruptedException {
        List<String> status = List.of(isolatectl, "daemon", "status");
        Path printed = daemonDir.resolve("status.txt");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (WholeCommand.start(status, printed, env).waitFor() != 0
                || !Files.readString(printed).contains("isolates: 2 warm json isolates")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no daemon with 2 json isolates answered within a minute of the first command");
            }
            Thread.sleep(50);
        }
    }
}
