package dev.isolates.scripts;

import com.sun.management.OperatingSystemMXBean;
import dev.isolates.IsolateCallable;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.launcher.WorkerLauncher;
import dev.isolates.launcher.WorkerSpec;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.SessionDirectory;
import dev.isolates.runtime.SupervisorCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The channel-level figures on one warm worker: the tiny round trip and a 256 MiB result beside a
 * Java pipe, and the CPU an idle isolate costs. Not thread-safe.
 */
final class ChannelBench {
    private final boolean quick;
    private final BenchTable table;

    ChannelBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }
    private Percentiles pipeRoundTrip;

    /** The pipe's round trips measured by {@link #run()} (or now, when it did not run), which the port figures stand beside. */
    Percentiles pipeRoundTrip() throws IOException, InterruptedException {
        if (pipeRoundTrip == null) { // the channel section did not run: measure the pipe alone
            pipeRoundTrip = new Percentiles(PipeBaseline.pipeRoundTrips(quick ? 20_000 : 100_000, new byte[Bench.TINY]));
        }
        return pipeRoundTrip;
    }

    /** Runs the section. */
    void run() throws Exception {
        try (SessionDirectory session = SessionDirectory.create()) {
            WorkerLauncher launcher = new WorkerLauncher(SupervisorCodec.create(), System.err::println);
            // The same heap settings as the pipe baseline's child, so both produce the result alike.
            LaunchedWorker worker = launcher.launch(new WorkerSpec("bench", null, Bench.BIG_WORKER_HEAP, List.of(), Map.of(),
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
        byte[] payload = new byte[Bench.TINY];
        for (int i = 0; i < Bench.WARM_UP; i++) {
            echo(channel, payload, i);
        }
        long[] ours = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            echo(channel, payload, i);
            ours[i] = System.nanoTime() - t;
        }
        long[] pipe = PipeBaseline.pipeRoundTrips(n, payload);
        pipeRoundTrip = new Percentiles(pipe);
        Percentiles a = new Percentiles(ours);
        Percentiles b = pipeRoundTrip;
        for (double p : new double[] {50, 99, 99.9}) {
            table.row("tiny round trip p" + BenchTable.fmt(p), "%.1f us", a.micros(p), "java pipe", b.micros(p) + " us",
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
        long[] pipe = PipeBaseline.pipeBig(size, reps);
        double pipeMs = new Percentiles(pipe).medianMillis();
        double viewMs = new Percentiles(view).medianMillis();
        double copyMs = new Percentiles(copy).medianMillis();
        table.row("256 MiB result, view (zero copy)", "%.1f ms", viewMs, "java pipe", BenchTable.fmt(pipeMs) + " ms", pipeMs / viewMs);
        table.row("256 MiB result, as byte[]", "%.1f ms", copyMs, "java pipe", BenchTable.fmt(pipeMs) + " ms", pipeMs / copyMs);
        table.row("  of which the worker makes the array", "%.1f ms", new Percentiles(produced).medianMillis(), "", "", Double.NaN);
    }

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
        table.row("idle isolate CPU (worker JVM)", "%.2f %%", workerPct, "target < 2%", "-", Double.NaN);
        table.row("idle: supervisor JVM, 1 parked reader", "%.2f %%", supervisorPct, "", "-", Double.NaN);
        worker.channel().send(MessageKind.PING, 1, null); // wakes the reader
        reader.join(10_000);
    }

}
