package dev.isolates.scripts;

import dev.isolates.Isolate;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Port round trip and one-way throughput between the main isolate and a spawned one, beside a Java pipe. Not thread-safe. */
final class PortsBench {
    private final boolean quick;
    private final BenchTable table;

    PortsBench(boolean quick, BenchTable table) {
        this.quick = quick;
        this.table = table;
    }

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

    /** Runs the section; {@code pipeRoundTrip} is the pipe's, from the channel section. */
    void run(Percentiles pipeRoundTrip) throws Exception {
        int n = quick ? 20_000 : 100_000;
        int oneWay = quick ? 500_000 : 2_000_000;
        try (ReceivePort fromWorker = new ReceivePort("bench-main")) {
            Isolate worker = Isolates.spawn(PortsBench::echoAndCount, fromWorker.sendPort(),
                    IsolateOptions.builder().debugName("bench-ports").build()).get(60, TimeUnit.SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(Duration.ofSeconds(60));
            byte[] payload = new byte[Bench.TINY];
            for (int i = 0; i < Bench.WARM_UP; i++) {
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
                table.row("port round trip p" + BenchTable.fmt(p), "%.1f us", a.micros(p), "java pipe", BenchTable.fmt(pipeRoundTrip.micros(p)) + " us",
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
            double pipeRate = PipeBaseline.pipeOneWay(oneWay);
            table.row("port pipelined, one way", "%.2f M/s", rate / 1e6, "java pipe",
                    String.format(Locale.ROOT, "%.2f M/s", pipeRate / 1e6), rate / pipeRate);
            toWorker.send("stop");
            worker.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
