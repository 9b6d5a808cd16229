package dev.isolates.scripts;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.cluster.ClusterPool;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cluster section, members started with {@code scripts/isolatectl member} on 127.0.0.1 (their
 * {@code --classpath} the scripts jar, for {@link ClusterBenchTasks}): a tiny task one at a time
 * through a one-member cluster of 1 isolate beside a local {@link IsolatePool} of 1, windows taking
 * turns, p50 and p99; {@code isolatectl json --cluster} with 2 members of 1 isolate each beside
 * {@code isolatectl json --workers 2 --no-daemon} over the generated batch ({@link BenchBatch}), whole
 * commands taking turns after one warm-up each, medians (the first runs check that both print the
 * same lines); and the time from a member's kill -9 until its task starts again on the other member.
 * Every member is killed at the end. Not thread-safe.
 */
final class ClusterBench {
    private static final int WINDOW = 100;

    private final boolean quick;
    private final BenchTable table;
    private final Path root;
    private final String isolatectl;
    private final String jar;

    ClusterBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
        this.root = Path.of(System.getProperty("isolates.root", "."));
        this.isolatectl = root.resolve("scripts/isolatectl").toString();
        this.jar = root.resolve("scripts/target/isolates-scripts-0.1.0-SNAPSHOT.jar").toString();
    }

    /** Runs the section. */
    void run() throws Exception {
        Path work = Files.createTempDirectory("isolates-bench-cluster");
        int firstPort = freePort();
        int secondPort = freePort();
        List<Member> members = new ArrayList<>();
        try (BenchBatch batch = BenchBatch.open(null, quick, "isolates-bench-cluster-batch")) {
            Member first = start(firstPort, secondPort, work, members);
            first.awaitJoined();
            tinyTasks(first);
            Member second = start(secondPort, firstPort, work, members);
            second.awaitJoined();
            jsonBatch(batch, first, second, work);
            failover(first, second, secondPort, firstPort, work, members);
        } finally {
            for (Member m : members) {
                m.kill();
            }
            dev.isolates.protocol.SessionDirectory.deleteTree(work);
        }
    }

    private void tinyTasks(Member member) throws Exception {
        int n = quick ? 400 : 2000;
        byte[] payload = new byte[64];
        ClusterBenchTasks.Echo echo = new ClusterBenchTasks.Echo(payload);
        long[] cluster = new long[n];
        long[] local = new long[n];
        try (IsolatePool pool = IsolatePool.builder().size(1)
                .options(IsolateOptions.builder().debugName("bench-local").build()).build();
             ClusterPool cl = ClusterPool.builder().members(member.address()).build()) {
            for (int i = 0; i < (quick ? 300 : 1000); i++) {
                pool.submit(echo).get(10, TimeUnit.SECONDS);
                cl.submit(echo).get(10, TimeUnit.SECONDS);
            }
            for (int w = 0; w < n; w += WINDOW) {
                for (int i = w; i < Math.min(n, w + WINDOW); i++) {
                    long t = System.nanoTime();
                    pool.submit(echo).get(10, TimeUnit.SECONDS);
                    local[i] = System.nanoTime() - t;
                }
                for (int i = w; i < Math.min(n, w + WINDOW); i++) {
                    long t = System.nanoTime();
                    cl.submit(echo).get(10, TimeUnit.SECONDS);
                    cluster[i] = System.nanoTime() - t;
                }
            }
        }
        Percentiles c = new Percentiles(cluster);
        Percentiles l = new Percentiles(local);
        table.row("cluster of 1 member x 1, tiny task p50", "%.0f us", c.micros(50), "pool of 1",
                BenchTable.fmt(Math.round(l.micros(50) * 10) / 10.0) + " us", l.micros(50) / c.micros(50));
        table.row("cluster of 1 member x 1, tiny task p99", "%.0f us", c.micros(99), "pool of 1",
                BenchTable.fmt(Math.round(l.micros(99) * 10) / 10.0) + " us", l.micros(99) / c.micros(99));
    }

    private void jsonBatch(BenchBatch batch, Member first, Member second, Path work) throws Exception {
        int reps = quick ? 2 : 5;
        List<String> local = List.of(isolatectl, "json", "--workers", "2", "--no-daemon", batch.generated().toString());
        List<String> cluster = List.of(isolatectl, "json", "--workers", "2", "--cluster",
                first.address() + "," + second.address(), batch.generated().toString());
        Path localOut = work.resolve("local.out");
        Path clusterOut = work.resolve("cluster.out");
        WholeCommand.time(local, localOut, Map.of());
        WholeCommand.time(cluster, clusterOut, Map.of());
        if (Files.mismatch(localOut, clusterOut) != -1) {
            throw new IllegalStateException("json --cluster printed other lines than the local command over "
                    + batch.generated());
        }
        // the local command once more, through a warm daemon of the bench's own
        Path daemonDir = Files.createTempDirectory("isolates-bench-cluster-daemon");
        Map<String, String> daemon = Map.of("ISOLATECTL_DAEMON_DIR", daemonDir.toString());
        List<String> warmLocal = List.of(isolatectl, "json", "--workers", "2", batch.generated().toString());
        long[] l = new long[reps];
        long[] c = new long[reps];
        long[] w = new long[reps];
        try {
            WholeCommand.time(List.of(isolatectl, "daemon", "start"), null, daemon);
            WholeCommand.time(warmLocal, null, daemon);
            WholeCommand.time(warmLocal, null, daemon);
            for (int r = 0; r < reps; r++) {
                if (r % 2 == 0) {
                    l[r] = WholeCommand.time(local, null, Map.of());
                    c[r] = WholeCommand.time(cluster, null, Map.of());
                    w[r] = WholeCommand.time(warmLocal, null, daemon);
                } else {
                    w[r] = WholeCommand.time(warmLocal, null, daemon);
                    c[r] = WholeCommand.time(cluster, null, Map.of());
                    l[r] = WholeCommand.time(local, null, Map.of());
                }
            }
        } finally {
            WholeCommand.time(List.of(isolatectl, "daemon", "stop"), null, daemon);
            dev.isolates.protocol.SessionDirectory.deleteTree(daemonDir);
        }
        double mb = batch.bytes() / 1e6;
        double localRate = mb / (new Percentiles(l).medianMillis() / 1e3);
        double warmRate = mb / (new Percentiles(w).medianMillis() / 1e3);
        double clusterRate = mb / (new Percentiles(c).medianMillis() / 1e3);
        table.row(String.format(Locale.ROOT, "json --cluster, 2 members x 1, %.0f MB", mb), "%.0f MB/s", clusterRate,
                "local json -w 2", BenchTable.fmt(Math.round(localRate)) + " MB/s", clusterRate / localRate);
        table.row(String.format(Locale.ROOT, "json --cluster, 2 members x 1, %.0f MB", mb), "%.0f MB/s", clusterRate,
                "local json -w 2, warm daemon", BenchTable.fmt(Math.round(warmRate)) + " MB/s", clusterRate / warmRate);
        table.row("json --cluster, whole command", "%.0f ms", new Percentiles(c).medianMillis(), "local json -w 2",
                BenchTable.fmt(Math.round(new Percentiles(l).medianMillis())) + " ms", Double.NaN);
    }

    /**
     * A task that naps on one member while the other idles; that member is killed -9 as soon as the
     * task has started, and the time runs until the task starts again on the other member.
     */
    private void failover(Member first, Member second, int secondPort, int firstPort, Path work, List<Member> members)
            throws Exception {
        int reps = quick ? 1 : 3;
        long[] took = new long[reps];
        Member[] pair = {first, second};
        int[] ports = {firstPort, secondPort};
        for (int r = 0; r < reps; r++) {
            Path markers = Files.createDirectories(work.resolve("markers-" + r));
            try (ClusterPool pool = ClusterPool.builder().members(pair[0].address(), pair[1].address()).retries(1)
                    .lostClusterTimeout(Duration.ofSeconds(30)).build()) {
                CompletableFuture<Long> nap = pool.submit(new ClusterBenchTasks.MarkedNap(markers.toString(), 3000));
                String[] started = awaitMarker(markers.resolve("started-0"));
                int holder = Long.parseLong(started[0]) == pair[0].pid() ? 0 : 1;
                long killed = System.currentTimeMillis();
                pair[holder].kill();
                String[] again = awaitMarker(markers.resolve("started-1"));
                took[r] = (Long.parseLong(again[1]) - killed) * 1_000_000L;
                long ranOn = nap.get(60, TimeUnit.SECONDS);
                if (ranOn != pair[1 - holder].pid()) {
                    throw new IllegalStateException("the retried task ran on pid " + ranOn + ", not on the member left");
                }
                if (r + 1 < reps) {
                    pair[holder] = start(ports[holder], ports[1 - holder], work, members);
                    pair[holder].awaitJoined();
                }
            }
        }
        String runs = String.join(" / ", Arrays.stream(took).mapToObj(t -> String.valueOf(t / 1_000_000)).toList());
        table.row("member kill -9 until its task runs again", "%.0f ms", new Percentiles(took).medianMillis(),
                "runs", runs + " ms", Double.NaN);
    }

    private static String[] awaitMarker(Path marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no task started (" + marker + ") within 60 s");
            }
            Thread.sleep(2);
        }
        return Files.readString(marker).trim().split(" ");
    }

    private Member start(int port, int other, Path work, List<Member> members) throws IOException {
        List<String> command = List.of(isolatectl, "member", "--port", Integer.toString(port), "--workers", "1",
                "--join", "127.0.0.1:" + other, "--classpath", jar);
        Process p = new ProcessBuilder(command).redirectError(work.resolve("member-" + port + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Member m = new Member(p, port, work.resolve("member-" + port + ".err"));
        members.add(m);
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A member process; the script execs its JVM, so the process is the member. */
    private record Member(Process process, int port, Path stderr) {
        String address() {
            return "127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }

        void awaitJoined() throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine(); // the member prints one line, when it has joined
            if (line == null) {
                throw new IllegalStateException("member on port " + port + " ended before it joined: "
                        + Files.readString(stderr));
            }
        }

        void kill() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
