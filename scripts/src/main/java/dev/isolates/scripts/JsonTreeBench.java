package dev.isolates.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.json.JsonBatch;
import dev.isolates.json.JsonDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The json-tree section: parsed documents brought back to the main JVM. Two isolates parse each
 * file into a {@link JsonDocument} and the main JVM walks every value of it in place, beside one
 * thread doing Jackson's {@code readTree} and the same walk; for reference, the tree copied back
 * through Kryo. On the generated batch, binding too: {@code readValue(doc.parser(), T)} beside
 * {@code readValue(bytes, T)}, and two isolates parsing while the main JVM binds, beside one
 * thread binding from the files; and parsing into tapes in one thread, scanned beside Jackson's
 * tokens. The sides take turns, round after round; rates are medians, the
 * speed-ups medians of per-round ratios. The tape's size beside the input's, per folder.
 */
final class JsonTreeBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Documents parsed and not yet read: well inside the 64 transfers an isolate's arena holds at once. */
    private static final int IN_FLIGHT = 16;
    private final boolean quick;
    private final BenchTable table;
    private final String jsonDir;

    JsonTreeBench(boolean quick, BenchTable table, String jsonDir) {
        this.quick = quick;
        this.table = table;
        this.jsonDir = jsonDir;
    }

    void run() throws Exception {
        try (BenchBatch batch = BenchBatch.open(jsonDir, quick, "isolates-bench-json-tree")) {
            measure(batch.files(), batch.bytes(), batch.isGenerated());
        }
    }

    private void measure(List<Path> files, long bytes, boolean bind) throws Exception {
        int rounds = quick ? 3 : 7;
        int warmUps = quick ? 2 : 5;
        String[] names = {"readTree + walk", "tape + walk", "Kryo tree + walk", "bind from bytes", "bind from tape",
            "bind from file", "tape + bind", "scanned to tape", "Jackson to tape"};
        long[][] took = new long[names.length][rounds];
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            contents.add(Files.readAllBytes(f));
        }
        String checked = null;
        try (IsolatePool pool = IsolatePool.builder().size(2).prefetch(true)
                .options(IsolateOptions.builder().debugName("bench-json-tree").maxHeap("1g").build()).build()) {
            for (int r = -warmUps; r < rounds; r++) {
                long[] t = new long[names.length]; // nanoseconds of each side this round
                TreeWalk alone = new TreeWalk();
                long s = System.nanoTime();
                for (Path f : files) {
                    alone.walk(MAPPER.readTree(f.toFile()));
                }
                t[0] = System.nanoTime() - s;
                TreeWalk tape = new TreeWalk();
                s = System.nanoTime();
                try (Stream<JsonBatch.Result> parsed = JsonBatch.parse(pool, files, IN_FLIGHT)) {
                    parsed.forEach(result -> {
                        try (JsonDocument d = result.document()) {
                            tape.walk(d.root());
                        }
                    });
                }
                t[1] = System.nanoTime() - s;
                TreeWalk copied = new TreeWalk();
                s = System.nanoTime();
                List<CompletableFuture<JsonNode>> trees = new ArrayList<>();
                for (Path f : files) {
                    String name = f.toString();
                    trees.add(pool.submit(() -> MAPPER.readTree(new java.io.File(name))));
                }
                for (CompletableFuture<JsonNode> tree : trees) {
                    copied.walk(tree.get(120, TimeUnit.SECONDS));
                }
                t[2] = System.nanoTime() - s;
                if (!alone.summary().equals(tape.summary()) || !alone.summary().equals(copied.summary())) {
                    throw new IllegalStateException("the walks disagree: " + alone.summary() + " / " + tape.summary()
                            + " / " + copied.summary());
                }
                checked = alone.summary();
                if (bind) {
                    bindRound(pool, files, contents, t);
                }
                parseRound(contents, r % 2 == 0, t);
                if (r >= 0) {
                    for (int k = 0; k < names.length; k++) {
                        took[k][r] = t[k];
                    }
                }
            }
            report(files, bytes, bind, names, took);
            tapeSizes(pool, files, bind);
        }
        System.out.printf(Locale.ROOT, "json-tree: %d files, %.1f MB, %d warm-up and %d measured rounds; each walk: %s%n",
                files.size(), bytes / 1e6, warmUps, rounds, checked);
    }

    /**
     * Every file's bytes parsed into a tape in this thread, as {@code JsonDocument.parse(byte[])}
     * does (scanned, Jackson only for what the scanner leaves) and through Jackson's parser alone
     * (a stream, which the scanner never takes); {@code scanFirst} says which side goes first.
     */
    private static void parseRound(List<byte[]> contents, boolean scanFirst, long[] t) throws Exception {
        for (int side = 0; side < 2; side++) {
            boolean scan = scanFirst == (side == 0);
            long s = System.nanoTime();
            for (byte[] json : contents) {
                try (JsonDocument d = scan ? JsonDocument.parse(json) : JsonDocument.parse(new java.io.ByteArrayInputStream(json))) {
                    if (d.tapeBytes() <= 0) {
                        throw new IllegalStateException("an empty tape");
                    }
                }
            }
            t[scan ? 7 : 8] += System.nanoTime() - s;
        }
    }

    private static void bindRound(IsolatePool pool, List<Path> files, List<byte[]> contents, long[] t) throws Exception {
        Object[] sink = new Object[1];
        // from memory on both sides: the documents parsed beforehand (a window at a time), the bytes read
        for (int from = 0; from < files.size(); from += IN_FLIGHT) {
            List<Path> window = files.subList(from, Math.min(files.size(), from + IN_FLIGHT));
            List<JsonDocument> docs = JsonBatch.parse(pool, window, IN_FLIGHT).map(JsonBatch.Result::document).toList();
            // each side goes first in every other window: the one right after the isolates' parsing
            // shares the machine with what they still do (their collectors, their compilers)
            boolean bytesFirst = from / IN_FLIGHT % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean bytes = bytesFirst == (side == 0);
                long s = System.nanoTime();
                for (int i = 0; i < window.size(); i++) {
                    Class<?> type = SampleRecords.typeOf(window.get(i));
                    sink[0] = bytes ? MAPPER.readValue(contents.get(from + i), type) : MAPPER.readValue(docs.get(i).parser(), type);
                }
                t[bytes ? 3 : 4] += System.nanoTime() - s;
            }
            docs.forEach(JsonDocument::close);
        }
        long s = System.nanoTime();
        for (Path f : files) {
            sink[0] = MAPPER.readValue(f.toFile(), SampleRecords.typeOf(f));
        }
        t[5] = System.nanoTime() - s;
        s = System.nanoTime();
        try (Stream<JsonBatch.Result> parsed = JsonBatch.parse(pool, files, IN_FLIGHT)) {
            parsed.forEach(result -> {
                try (JsonDocument d = result.document()) {
                    sink[0] = MAPPER.readValue(d.parser(), SampleRecords.typeOf(result.path()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        t[6] = System.nanoTime() - s;
        if (sink[0] == null) {
            throw new IllegalStateException("nothing was bound");
        }
    }

    private void report(List<Path> files, long bytes, boolean bind, String[] names, long[][] took) {
        row("json tree back, 2 isolates, walked", bytes, took[1], names[0], took[0]);
        row("json tree copied by Kryo, 2 isolates", bytes, took[2], names[0], took[0]);
        if (bind) {
            row("json bind from tape (main thread)", bytes, took[4], names[3], took[3]);
            row("json 2 isolates parse, main binds", bytes, took[6], names[5], took[5]);
        }
        row("json parse to tape, main thread", bytes, took[7], names[8], took[8]);
    }

    private void row(String what, long bytes, long[] isolates, String baseline, long[] base) {
        double[] ratios = new double[isolates.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) base[i] / isolates[i];
        }
        Arrays.sort(ratios);
        table.row(what, "%.0f MB/s", rate(bytes, isolates), baseline, String.format(Locale.ROOT, "%.0f MB/s", rate(bytes, base)),
                ratios[ratios.length / 2]);
    }

    private static double rate(long bytes, long[] nanos) {
        return bytes / 1e6 / (new Percentiles(nanos).medianMillis() / 1e3);
    }

    /** The tape's size over the input's, per folder of the generated batch (a file type), else per file name. */
    private void tapeSizes(IsolatePool pool, List<Path> files, boolean byFolder) throws Exception {
        Map<String, long[]> byType = new LinkedHashMap<>();
        try (Stream<JsonBatch.Result> parsed = JsonBatch.parse(pool, files, IN_FLIGHT)) {
            for (JsonBatch.Result result : (Iterable<JsonBatch.Result>) parsed::iterator) {
                try (JsonDocument d = result.document()) {
                    Path f = result.path();
                    // numbered copies of one file (f007_twitter.json) count as that file
                    String type = byFolder ? f.getParent().getFileName().toString()
                            : f.getFileName().toString().replaceFirst("^[a-z]?\\d+[_-]", "");
                    long[] sums = byType.computeIfAbsent(type, k -> new long[2]);
                    sums[0] += d.tapeBytes();
                    sums[1] += Files.size(f);
                }
            }
        }
        for (Map.Entry<String, long[]> e : byType.entrySet()) {
            table.row("json tape size, " + e.getKey(), "%.2fx", (double) e.getValue()[0] / e.getValue()[1],
                    "input", String.format(Locale.ROOT, "%.1f MB", e.getValue()[1] / 1e6), Double.NaN);
        }
    }
}
