package dev.isolates.scripts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench}: each figure beside a baseline measured in the same run, as a ratio.
 * <ul>
 *   <li>tiny round trip, supervisor to a warm isolate at the channel level, beside a Java pipe;</li>
 *   <li>a 256 MiB result from a warm isolate through the arena, beside the same through a pipe;</li>
 *   <li>cold {@code Isolates.run} latency, and a program's first run as a whole command, beside {@code java -version};</li>
 *   <li>the CPU an idle isolate costs;</li>
 *   <li>port round trip and one-way throughput between the main isolate and a spawned one;</li>
 *   <li>a pool of 2 isolates running tiny tasks, and {@code Isolates.run} with a prestarted isolate;</li>
 *   <li>the json job's throughput, and parsed documents brought back as tapes, walked and bound;</li>
 *   <li>a 1 GB document read in place by a JVM with a 64 MiB heap.</li>
 * </ul>
 * Usage: {@code scripts/bench [--quick] [--peers DIR] [--only SECTION,...] [--json DIR]}: with {@code --peers}, the Python
 * ProcessPoolExecutor peer in {@code DIR/py/rt.py} runs right after, and its figures stand beside the pool's;
 * {@code --only} runs the named sections ({@code channel, ports, pool, jfr, json, json-tree, json-big, cold, cli, cluster}; json-big,
 * a 1 GB document, only in a full run or when named); {@code --json} parses the
 * {@code .json} files under {@code DIR} instead of a generated batch.
 */
public final class Bench {
    static final int TINY = 20;
    /** Round trips before any is measured, the same for every side: both JVMs' JITs settle. */
    static final int WARM_UP = 100_000;
    static final List<String> BIG_WORKER_HEAP = List.of("-Xmx1g", "-Xms1g");

    private final boolean quick;
    private final String peers;
    private final List<String> only;
    private final String jsonDir;
    private final BenchTable table = new BenchTable();

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
        ChannelBench channel = new ChannelBench(quick, table);
        if (runs("channel")) {
            channel.run();
        }
        if (runs("ports")) {
            new PortsBench(quick, table).run(channel.pipeRoundTrip());
        }
        PoolBench pool = new PoolBench(quick, table);
        if (runs("pool")) {
            pool.run();
        }
        if (runs("jfr")) {
            new FlightRecorderBench(quick, table).run();
        }
        if (runs("json")) {
            new JsonBench(quick, table, jsonDir).run();
        }
        if (runs("json-tree")) {
            new JsonTreeBench(quick, table, jsonDir).run();
        }
        if (runs("json-big") && (!quick || only.contains("json-big"))) {
            new JsonBigBench(table).run();
        }
        if (runs("cold")) {
            new ColdRunBench(quick, table).run();
        }
        if (runs("cli")) {
            new CliBench(quick, table).run();
        }
        if (runs("cluster")) {
            new ClusterBench(quick, table).run();
        }
        if (peers != null && runs("pool")) {
            pool.pythonPeer(peers);
        }
        table.print();
    }

    private boolean runs(String section) {
        return only.isEmpty() || only.contains(section);
    }
}
