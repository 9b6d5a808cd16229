package dev.isolates.scripts;

import com.sun.management.OperatingSystemMXBean;
import dev.isolates.IsolateCallable;
import dev.isolates.Isolate;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.launcher.WorkerLauncher;
import dev.isolates.launcher.WorkerSpec;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.SessionDirectory;
import dev.isolates.runtime.SupervisorCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench}: each figure beside a baseline measured in the same run, as a ratio.
 * <ul>
 *   <li>tiny round trip, supervisor to a warm isolate at the channel level, beside a Java pipe;</li>
 *   <li>a 256 MiB result from a warm isolate through the arena, beside the same through a pipe;</li>
 *   <li>cold {@code Isolates.run} latency, beside {@code java -version};</li>
 *   <li>the CPU an idle isolate costs;</li>
 *   <li>port round trip and one-way throughput between the main isolate and a spawned one;</li>
 *   <li>a pool of 2 isolates running tiny tasks, and {@code Isolates.run} with a prestarted isolate.</li>
 * </ul>
 * Usage: {@code scripts/bench [--quick] [--peers DIR] [--only SECTION,...] [--json DIR]}: with {@code --peers}, the Python
 * ProcessPoolExecutor peer in {@code DIR/py/rt.py} runs right after, and its figures stand beside the pool's;
 * {@code --only} runs the named sections ({@code channel, ports, pool, json, cold}); {@code --json} parses the
 * {@code .json} files under {@code DIR} instead of a generated batch.
 */
public final class Bench {
    private static final int TINY = 20;
    /** Round trips before any is measured, the same for every side: both JVMs' JITs settle. */
    private static final int WARM_UP = 100_000;
    private static final List<String> BIG_WORKER_HEAP = List.of("-Xmx1g", "-Xms1g");

    private final boolean quick;
    private final String peers;
    private final List<String> only;
    private final String jsonDir;
    private final List<String[]> rows = new ArrayList<>();
    private double[] poolFigures;
    private Percentiles pipeRoundTrip;

    private Bench(boolean quick, String peers, List<String> only, String jsonDir) {
        this.quick = quick;
        this.peers = peers;
        this.only = only;
        this.jsonDir = jsonDir;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        boolean quick = list.contains("--quick");
        int at = list.indexOf("--peers");
        String peers = at >= 0 && at + 1 < list.size() ? list.get(at + 1) : null;
        int sections = list.indexOf("--only");
        List<String> only = sections >= 0 && sections + 1 < list.size()
                ? List.of(list.get(sections + 1).split(",")) : List.of();
        int json = list.indexOf("--json");
        String jsonDir = json >= 0 && json + 1 < list.size() ? list.get(json + 1) : null;
        new Bench(quick, peers, only, jsonDir).runAll();
        System.exit(0);
    }

    private void runAll() throws Exception {
        System.out.printf(Locale.ROOT, "isolates bench: Java %s, %d CPUs, %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), quick ? "quick" : "full");
        if (runs("channel")) {
            channel();
        }
        if (runs("ports")) {
            ports();
        }
        if (runs("pool")) {
            pool();
        }
        if (runs("json")) {
            json();
        }
        if (runs("cold")) {
            coldRun();
        }
        if (peers != null && runs("pool")) {
            pythonPeer(peers);
        }
        print();
    }

    private boolean runs(String section) {
        return only.isEmpty() || only.contains(section);
    }

    /** The channel-level figures: tiny round trip, big result, idle cost, on one warm worker. */
    private void channel() throws Exception {
        try (SessionDirectory session = SessionDirectory.create()) {
            WorkerLauncher launcher = new WorkerLauncher(SupervisorCodec.create(), System.err::println);
            // The same heap settings as the pipe baseline's child, so both produce the result alike.
            LaunchedWorker worker = launcher.launch(new WorkerSpec("bench", null, BIG_WORKER_HEAP, List.of(), Map.of(),
                    Duration.ofSeconds(60)), session.newIsolate(), session.newArenaFile(), session.newArenaFile());
            try {
                tinyRoundTrip(worker.channel());
                bigResult(worker.channel());
                idleCost(worker);
            } finally {
                worker.channel().send(MessageKind.SHUTDOWN, 0, null);
                if (!worker.process().waitFor(10, TimeUnit.SECONDS)) {
                    worker.process().destroyForcibly();
                }
                worker.exited(worker.process().waitFor());
                worker.channel().close();
            }
        }
    }

    // ---- tiny round trip ----

    private void tinyRoundTrip(IsolateChannel channel) throws Exception {
        int n = quick ? 20_000 : 100_000;
        byte[] payload = new byte[TINY];
        for (int i = 0; i < WARM_UP; i++) {
            echo(channel, payload, i);
        }
        long[] ours = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            echo(channel, payload, i);
            ours[i] = System.nanoTime() - t;
        }
        long[] pipe = pipeRoundTrips(n, payload);
        pipeRoundTrip = new Percentiles(pipe);
        Percentiles a = new Percentiles(ours);
        Percentiles b = pipeRoundTrip;
        for (double p : new double[] {50, 99, 99.9}) {
            row("tiny round trip p" + fmt(p), "%.1f us", a.micros(p), "java pipe", b.micros(p) + " us",
                    b.micros(p) / a.micros(p));
        }
    }

    private static void echo(IsolateChannel channel, byte[] payload, long id) throws IOException {
        channel.send(MessageKind.ECHO, id, payload);
        Inbound m = channel.receive(10, TimeUnit.SECONDS);
        if (m == null || m.correlation() != id) {
            throw new IllegalStateException("echo " + id + " did not come back: " + m);
        }
        channel.release(m);
    }

    private static long[] pipeRoundTrips(int n, byte[] payload) throws IOException, InterruptedException {
        Process p = pipeWorker("echo");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
             DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 16))) {
            byte[] back = new byte[payload.length];
            for (int i = 0; i < WARM_UP; i++) {
                pipeEcho(out, in, payload, back);
            }
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                pipeEcho(out, in, payload, back);
                lat[i] = System.nanoTime() - t;
            }
            return lat;
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static void pipeEcho(DataOutputStream out, DataInputStream in, byte[] payload, byte[] back) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        int len = in.readInt();
        in.readFully(back, 0, len);
    }

    // ---- 256 MiB result ----

    private void bigResult(IsolateChannel channel) throws Exception {
        int size = 256 << 20;
        int reps = quick ? 3 : 5;
        IsolateCallable<byte[]> produce = () -> {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) 0xab);
            return b;
        };
        long[] view = new long[reps];
        long[] copy = new long[reps];
        for (int r = -1; r < reps; r++) { // the first grows and touches the arena once
            long t = System.nanoTime();
            channel.send(MessageKind.RUN, r, produce);
            Inbound m = channel.receive(60, TimeUnit.SECONDS);
            if (m == null || m.kind() != MessageKind.RESULT || m.handle() == null) {
                throw new IllegalStateException("expected a result by handle, got " + m);
            }
            ByteBuffer body = m.body();
            if (body.get(body.limit() - 1) != (byte) 0xab) {
                throw new IllegalStateException("wrong content at the end of the result");
            }
            long viewed = System.nanoTime();
            byte[] result = (byte[]) channel.decode(m);
            long copied = System.nanoTime();
            if (result.length != size || result[size - 1] != (byte) 0xab) {
                throw new IllegalStateException("wrong result");
            }
            if (r >= 0) {
                view[r] = viewed - t;
                copy[r] = copied - t;
            }
        }
        IsolateCallable<Integer> produceOnly = () -> {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) 0xab);
            return b.length;
        };
        long[] produced = new long[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            channel.send(MessageKind.RUN, r, produceOnly);
            Inbound m = channel.receive(60, TimeUnit.SECONDS);
            if (m == null || m.kind() != MessageKind.RESULT || (Integer) channel.decode(m) != size) {
                throw new IllegalStateException("expected the size back, got " + m);
            }
            produced[r] = System.nanoTime() - t;
        }
        long[] pipe = pipeBig(size, reps);
        double pipeMs = new Percentiles(pipe).medianMillis();
        double viewMs = new Percentiles(view).medianMillis();
        double copyMs = new Percentiles(copy).medianMillis();
        row("256 MiB result, view (zero copy)", "%.1f ms", viewMs, "java pipe", fmt(pipeMs) + " ms", pipeMs / viewMs);
        row("256 MiB result, as byte[]", "%.1f ms", copyMs, "java pipe", fmt(pipeMs) + " ms", pipeMs / copyMs);
        row("  of which the worker makes the array", "%.1f ms", new Percentiles(produced).medianMillis(), "", "", Double.NaN);
    }

    private static long[] pipeBig(int size, int reps) throws IOException, InterruptedException {
        Process p = pipeWorker("big", BIG_WORKER_HEAP.toArray(new String[0]));
        try (DataOutputStream out = new DataOutputStream(p.getOutputStream());
             DataInputStream in = new DataInputStream(p.getInputStream())) {
            long[] lat = new long[reps];
            for (int r = -1; r < reps; r++) {
                long t = System.nanoTime();
                out.writeInt(size);
                out.flush();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                if (b[size - 1] != (byte) 0xab) {
                    throw new IllegalStateException("wrong pipe content");
                }
                if (r >= 0) {
                    lat[r] = System.nanoTime() - t;
                }
            }
            return lat;
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static Process pipeWorker(String mode, String... jvmArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(Arrays.asList(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PipeWorker.class.getName());
        cmd.add(mode);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    // ---- idle cost ----

    private void idleCost(LaunchedWorker worker) throws Exception {
        long seconds = quick ? 5 : 10;
        ProcessHandle handle = worker.process().toHandle();
        Thread.sleep(1000); // let it park
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread reader = new Thread(() -> {
            try {
                worker.channel().receive(seconds + 5, TimeUnit.SECONDS); // a parked supervisor-side reader
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Duration w0 = handle.info().totalCpuDuration().orElseThrow();
        long s0 = os.getProcessCpuTime();
        reader.start();
        Thread.sleep(seconds * 1000);
        Duration w1 = handle.info().totalCpuDuration().orElseThrow();
        long s1 = os.getProcessCpuTime();
        double workerPct = 100.0 * (w1.toNanos() - w0.toNanos()) / (seconds * 1e9);
        double supervisorPct = 100.0 * (s1 - s0) / (seconds * 1e9);
        row("idle isolate CPU (worker JVM)", "%.2f %%", workerPct, "target < 2%", "-", Double.NaN);
        row("idle: supervisor JVM, 1 parked reader", "%.2f %%", supervisorPct, "", "-", Double.NaN);
        worker.channel().send(MessageKind.PING, 1, null); // wakes the reader
        reader.join(10_000);
    }

    // ---- ports ----

    /** A spawned isolate that echoes byte arrays, counts integers, and answers "count" with the count. */
    static void echoAndCount(SendPort toMain) {
        ReceivePort in = new ReceivePort("bench");
        toMain.send(in.sendPort());
        long[] counted = {0};
        in.listen(m -> {
            if (m instanceof byte[]) {
                toMain.send(m);
            } else if (m instanceof Integer) {
                counted[0]++;
            } else if ("count".equals(m)) {
                toMain.send(counted[0]);
                counted[0] = 0;
            } else if ("stop".equals(m)) {
                in.close();
            }
        });
    }

    private void ports() throws Exception {
        int n = quick ? 20_000 : 100_000;
        int oneWay = quick ? 500_000 : 2_000_000;
        try (ReceivePort fromWorker = new ReceivePort("bench-main")) {
            Isolate worker = Isolates.spawn(Bench::echoAndCount, fromWorker.sendPort(),
                    IsolateOptions.builder().debugName("bench-ports").build()).get(60, TimeUnit.SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(Duration.ofSeconds(60));
            byte[] payload = new byte[TINY];
            for (int i = 0; i < WARM_UP; i++) {
                toWorker.send(payload);
                fromWorker.receive(Duration.ofSeconds(10));
            }
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                toWorker.send(payload);
                fromWorker.receive(Duration.ofSeconds(10));
                lat[i] = System.nanoTime() - t;
            }
            Percentiles a = new Percentiles(lat);
            for (double p : new double[] {50, 99}) {
                row("port round trip p" + fmt(p), "%.1f us", a.micros(p), "java pipe", fmt(pipeRoundTrip.micros(p)) + " us",
                        pipeRoundTrip.micros(p) / a.micros(p));
            }
            Integer small = 7;
            int rounds = quick ? 3 : 5; // the first warms both JITs up and is not counted
            long[] elapsed = new long[rounds - 1];
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                for (int i = 0; i < oneWay; i++) {
                    toWorker.send(small);
                }
                toWorker.send("count");
                long counted = (Long) fromWorker.receive(Duration.ofSeconds(120));
                if (counted != oneWay) {
                    throw new IllegalStateException("sent " + oneWay + " messages, the isolate counted " + counted);
                }
                if (r > 0) {
                    elapsed[r - 1] = System.nanoTime() - t;
                }
            }
            double rate = oneWay / (new Percentiles(elapsed).medianMillis() / 1e3);
            double pipeRate = pipeOneWay(oneWay);
            row("port pipelined, one way", "%.2f M/s", rate / 1e6, "java pipe",
                    String.format(Locale.ROOT, "%.2f M/s", pipeRate / 1e6), rate / pipeRate);
            toWorker.send("stop");
            worker.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Messages per second one way through a pipe: 4-byte length and a small body each, buffered. */
    private static double pipeOneWay(int n) throws IOException, InterruptedException {
        Process p = pipeWorker("count");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
             DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream()))) {
            byte[] body = new byte[4]; // the same bytes a small Integer takes in a Kryo body
            for (int round = 0; round < 2; round++) { // the first round warms both JVMs up
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    out.writeInt(body.length);
                    out.write(body);
                }
                out.writeInt(-1);
                out.flush();
                if (in.readLong() != n) {
                    throw new IllegalStateException("the pipe lost messages");
                }
                if (round == 1) {
                    return n / ((System.nanoTime() - t) / 1e9);
                }
            }
            throw new IllegalStateException("unreachable");
        } finally {
            p.getOutputStream().close();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    // ---- cold Isolates.run ----

    private void coldRun() throws Exception {
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
            Process p = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
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
        row("cold Isolates.run, tiny result", "%.0f ms", a, "java -version", fmt(b) + " ms", b / a);
        row("Isolates.run, prestarted isolate", "%.1f ms", c, "cold run", String.format(Locale.ROOT, "%.0f ms", a), a / c);
    }

    // ---- pool ----

    private void pool() throws Exception {
        int n = quick ? 20_000 : 100_000;
        byte[] payload = new byte[64];
        IsolateCallable<byte[]> echo = () -> payload; // 64 bytes each way, as the peers send
        try (IsolatePool pool = IsolatePool.builder().size(2)
                .options(IsolateOptions.builder().debugName("bench-pool").build()).build()) {
            for (int i = 0; i < WARM_UP; i++) {
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
            long t1 = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<byte[]>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(echo));
            }
            for (java.util.concurrent.CompletableFuture<byte[]> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
            double pipelined = n / ((System.nanoTime() - t1) / 1e9);
            List<IsolateCallable<byte[]>> tasks = java.util.Collections.nCopies(n, echo);
            pool.submitAll(tasks.subList(0, Math.min(WARM_UP, n))).forEach(java.util.concurrent.CompletableFuture::join);
            long t2 = System.nanoTime();
            for (java.util.concurrent.CompletableFuture<byte[]> f : pool.submitAll(tasks)) {
                f.get(60, TimeUnit.SECONDS);
            }
            double bulk = n / ((System.nanoTime() - t2) / 1e9);
            List<byte[]> inputs = java.util.Collections.nCopies(n, payload);
            dev.isolates.IsolateFunction<byte[], byte[]> same = b -> b; // echo, as the Python peer maps
            pool.map(same, inputs.subList(0, Math.min(WARM_UP, n)), 256).get(60, TimeUnit.SECONDS);
            long t3 = System.nanoTime();
            int mapped = pool.map(same, inputs, 256).get(60, TimeUnit.SECONDS).size();
            double map = mapped / ((System.nanoTime() - t3) / 1e9);
            poolFigures = new double[] {a.micros(50), a.micros(99), sequential, pipelined, bulk, map};
            row("pool of 2, tiny task p50", "%.1f us", a.micros(50), "", "", Double.NaN);
            row("pool of 2, tiny task p99", "%.1f us", a.micros(99), "", "", Double.NaN);
            row("pool of 2, sequential", "%.0f /s", sequential, "", "", Double.NaN);
            row("pool of 2, all submitted at once", "%.0f /s", pipelined, "", "", Double.NaN);
            row("pool of 2, submitAll", "%.0f /s", bulk, "", "", Double.NaN);
            row("pool of 2, map chunk 256", "%.0f /s", map, "", "", Double.NaN);
        }
    }

    // ---- json ----

    /**
     * The json job's throughput: a batch (generated, or the folder given with {@code --json DIR})
     * parsed by the pools of 1 and 2 isolates that {@code isolatectl json} uses, beside the same files
     * parsed by Jackson in one thread of this JVM. The three take turns, round after round, so a slow
     * spell of this shared machine hits all of them alike; each gets the same warm-up rounds first
     * (the JITs of two isolates warming at once need about 1 GB, and the supervisor's, which sees
     * only a few hundred tasks a round, was still compiling after 10 rounds). Rates are medians over
     * the measured rounds; the speed-up is the median of the per-round ratios.
     */
    private void json() throws Exception {
        java.nio.file.Path generated = jsonDir == null ? java.nio.file.Files.createTempDirectory("isolates-bench-json") : null;
        try {
            java.nio.file.Path dir = jsonDir != null ? java.nio.file.Path.of(jsonDir) : generated;
            if (generated != null) {
                SampleBatch.write(generated, quick ? 40 : 120, 1024, false);
            }
            List<java.nio.file.Path> files;
            try (var walk = java.nio.file.Files.walk(dir)) {
                files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            }
            long bytes = 0;
            for (java.nio.file.Path f : files) {
                bytes += java.nio.file.Files.size(f);
            }
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
                        dev.isolates.cli.JsonFiles.summarize(f);
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
                row("json summary, " + (p + 1) + " isolate" + (p > 0 ? "s" : ""), "%.0f MB/s", rate,
                        "jackson 1 thread", String.format(Locale.ROOT, "%.0f MB/s", baseline), sorted[sorted.length / 2]);
            }
            System.out.printf(Locale.ROOT, "json: %d files, %.1f MB, %d warm-up and %d measured rounds; "
                            + "per-round speed-up of 2 isolates: %s%n", files.size(), bytes / 1e6, warmUps, rounds,
                    Arrays.toString(Arrays.stream(ratios[1]).map(x -> Math.round(x * 100) / 100.0).toArray()));
        } finally {
            if (generated != null) {
                dev.isolates.protocol.SessionDirectory.deleteTree(generated);
            }
        }
    }

    /** A pool as {@code isolatectl json} builds it. */
    private static IsolatePool jsonPool(int workers) {
        return IsolatePool.builder().size(workers).prefetch(true)
                .options(IsolateOptions.builder().debugName("bench-json").build()).build();
    }

    /** Nanoseconds for {@code pool} to summarize every file. */
    private static long parseAll(IsolatePool pool, List<java.nio.file.Path> files) throws Exception {
        long t = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>(files.size());
        for (java.nio.file.Path f : files) {
            all.add(pool.submit(dev.isolates.cli.JsonFiles.summaryTask(f)));
        }
        for (java.util.concurrent.CompletableFuture<?> f : all) {
            f.get(120, TimeUnit.SECONDS);
        }
        return System.nanoTime() - t;
    }

    /** Runs the Python ProcessPoolExecutor peer right after, when its folder is given, and sets it beside the pool. */
    private void pythonPeer(String peers) throws Exception {
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
            row("pool of 2 vs Python PPE, p50", "%.1f us", poolFigures[0], "python ppe", fmt(p50) + " us",
                    p50 / poolFigures[0]);
            row("pool of 2 vs Python PPE, p99", "%.1f us", poolFigures[1], "python ppe", fmt(p99) + " us",
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
        row(what, "%.0f /s", ours, "python ppe", String.format(Locale.ROOT, "%.0f /s", rate), ours / rate);
    }

    // ---- output ----

    private void row(String what, String format, double value, String baseline, String baselineValue, double ratio) {
        rows.add(new String[] {what, String.format(Locale.ROOT, format, value), baseline, baselineValue,
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio)});
    }

    private void print() {
        String f = "%-40s %12s   %-14s %12s   %8s%n";
        System.out.printf(Locale.ROOT, f, "measure", "isolates", "baseline", "baseline", "speed-up");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, f, (Object[]) r);
        }
        System.out.println("speed-up = baseline / isolates, both measured in this run.");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && v < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
