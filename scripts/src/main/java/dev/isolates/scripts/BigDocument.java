package dev.isolates.scripts;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.json.JsonDocument;
import dev.isolates.json.JsonValue;
import dev.isolates.protocol.SessionDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The json-big section's own JVM, started by {@code scripts/bench} with a small heap ({@code -Xmx64m}):
 * one JSON document of about 1 GB, parsed into a {@link JsonDocument} by an isolate with a large heap
 * and walked in place here, every value of it, so that this JVM's heap use shows it does not grow with
 * the document. Usage:
 * {@code BigDocument [--bytes N] [--file FILE] [--worker-heap SIZE] [--worker-jvm-arg ARG]}; without
 * {@code --file} it writes a "posts" document of {@code N} bytes (10^9 by default) from a fixed seed in
 * a temporary directory, and deletes it at the end. The worker's heap is 2g unless given: the tape
 * writer holds the tape once, in chunks, before it copies it into shared memory. Prints one line,
 * {@code json-big: key=value ...}, that {@link JsonBigBench} reads.
 */
public final class BigDocument {
    /** What the worker's heap held at most while it parsed; kept in the worker's JVM for the next task. */
    private static volatile long workerPeak;

    private BigDocument() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        long bytes = option(list, "--bytes") != null ? Long.parseLong(option(list, "--bytes")) : 1_000_000_000L;
        String given = option(list, "--file");
        String workerHeap = option(list, "--worker-heap") != null ? option(list, "--worker-heap") : "2g";
        String workerArg = option(list, "--worker-jvm-arg");
        Path dir = given == null ? Files.createTempDirectory("isolates-bench-json-big") : null;
        int status = 0;
        try {
            Path file = given != null ? Path.of(given) : dir.resolve("posts.json");
            long s = System.nanoTime();
            if (dir != null) {
                SampleBatch.document(file, "posts", new SplittableRandom(12), bytes);
            }
            long generated = System.nanoTime() - s;
            System.out.println(measure(file, workerHeap, workerArg) + String.format(Locale.ROOT, " generate_ms=%d", generated / 1_000_000));
        } catch (ExecutionException e) {
            System.err.println("BigDocument: the document could not be parsed and sent back: " + e.getCause().getMessage());
            status = 1;
        } finally {
            if (dir != null) {
                SessionDirectory.deleteTree(dir);
            }
        }
        System.exit(status);
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }

    private static String measure(Path file, String workerHeap, String workerArg) throws Exception {
        IsolateOptions.Builder b = IsolateOptions.builder().debugName("bench-json-big").maxHeap(workerHeap);
        IsolateOptions options = (workerArg == null ? b : b.jvmArgs(workerArg)).build();
        try (IsolatePool pool = IsolatePool.builder().size(1).options(options).build()) {
            pool.submit(() -> 0).get(60, TimeUnit.SECONDS); // the worker started, before the clock
            resetHeapPeaks();
            String path = file.toString();
            long s = System.nanoTime();
            try (JsonDocument doc = pool.submit(parseTask(path)).get(10, TimeUnit.MINUTES)) {
                long parsed = System.nanoTime() - s;
                long worker = pool.submit(() -> workerPeak).get(60, TimeUnit.SECONDS);
                s = System.nanoTime();
                JsonValue root = doc.root(); // checks the whole tape first
                long opened = System.nanoTime() - s;
                s = System.nanoTime();
                TreeWalk walk = new TreeWalk();
                walk.walk(root);
                long walked = System.nanoTime() - s;
                long mainPeak = heapPeaks();
                System.gc();
                long live = heapUsed();
                return String.format(Locale.ROOT, "json-big: file_bytes=%d tape_bytes=%d parse_ms=%d open_ms=%d walk_ms=%d"
                                + " values=%d keys=%d string_chars=%d numbers=%.6e main_heap_peak=%d main_heap_live=%d main_xmx=%d"
                                + " worker_heap_peak=%d worker_xmx=%s",
                        Files.size(file), doc.tapeBytes(), parsed / 1_000_000, opened / 1_000_000, walked / 1_000_000,
                        walk.values, walk.keys, walk.stringChars, walk.numbers, mainPeak, live,
                        Runtime.getRuntime().maxMemory(), worker, workerHeap);
            }
        }
    }

    /** Runs in the worker: parses the file, noting the most its heap held meanwhile. */
    private static IsolateCallable<JsonDocument> parseTask(String path) {
        return () -> {
            resetHeapPeaks();
            try {
                return JsonDocument.parse(Path.of(path));
            } finally {
                workerPeak = heapPeaks();
            }
        };
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * The heap pools' peaks added up: at least the most the heap held at once (the pools peak at
     * different moments), garbage not yet collected included.
     */
    private static long heapPeaks() {
        return heapSum(MemoryPoolMXBean::getPeakUsage);
    }

    private static long heapUsed() {
        return heapSum(MemoryPoolMXBean::getUsage);
    }

    private static long heapSum(Function<MemoryPoolMXBean, MemoryUsage> usage) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += usage.apply(pool).getUsed();
            }
        }
        return sum;
    }
}
