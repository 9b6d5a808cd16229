package dev.isolates.cli;

import dev.isolates.IsolateCrashedException;
import dev.isolates.cluster.ClusterPool;
import dev.isolates.json.JsonBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isolatectl json}: parses a batch of JSON files in a pool of isolates. */
@Command(name = "json",
        mixinStandardHelpOptions = true,
        description = {"Parses a batch of JSON files in isolates; prints one line per file.",
                "Every .json file under PATH... is parsed (strict JSON, Jackson's limits).",
                "Lines come in sorted path order:",
                "{\"file\",\"bytes\",\"values\",\"keys\",\"depth\"}, or",
                "{\"file\",\"error\"} with the line and column where parsing stopped. A bad,",
                "truncated, huge or deeply nested file fails alone; an isolate that dies",
                "on one is replaced and the batch goes on. With --output ndjson, stdout holds",
                "only the documents, and each failed file is one line on stderr. With",
                "--select, each line holds the values at those JSON Pointers instead of the",
                "counts: {\"file\",\"/id\":7,...}, and \"missing\":[...] lists the pointers",
                "with nothing at them. With --cluster, the files are parsed on the members of",
                "a cluster (isolatectl member): their bytes travel, so members need no shared",
                "disk; the lines, their order and the exit code are the same."},
        footer = {"", "Examples:",
                "  isolatectl json data/",
                "  isolatectl json --workers 2 --output ndjson a.json b.json > all.ndjson",
                "  isolatectl json --select /id --select /customer/name data/",
                "  isolatectl json --cluster 127.0.0.1:5701,127.0.0.1:5702 data/",
                "", "Exit codes: 0 every file parsed, 1 a file failed, 2 usage."})
final class JsonCommand implements Callable<Integer>, UsesConsole {
    @Option(names = "--workers", paramLabel = "N", description = "Isolates parsing at once (default: the number of CPUs).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--output", paramLabel = "MODE", description = "summary (counts, the default) or ndjson (each document compacted on one line).")
    String output = "summary";

    @Option(names = "--select", paramLabel = "POINTER", description = {"Print the value at this JSON Pointer (RFC 6901,"
            + " e.g. /items/0/id) of each document instead of its counts; repeatable."})
    List<String> select = new ArrayList<>();

    @Option(names = "--cluster", split = ",", paramLabel = "HOST:PORT", description = {"Parse on these cluster members"
            + " (isolatectl member) instead of local isolates; --workers N then sends 4 N files ahead (at most 64)."})
    List<String> cluster = new ArrayList<>();

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "With --cluster: the cluster's name, as its members"
            + " were given it (default: ${DEFAULT-VALUE}).")
    String clusterName = ClusterPool.DEFAULT_CLUSTER_NAME;

    @Mixin
    Verbosity verbosity;

    @Mixin
    DaemonChoice daemon;

    private Console console = Console.system();

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "PATH", description = "Files, or folders searched for .json files.")
    List<Path> paths = new ArrayList<>();

    @Override
    public void use(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (workers < 1) {
            console.err().println("isolatectl json: --workers must be at least 1, was " + workers);
            return Outcomes.USAGE;
        }
        if (!output.equals("summary") && !output.equals("ndjson")) {
            console.err().println("isolatectl json: --output must be summary or ndjson, was " + output);
            return Outcomes.USAGE;
        }
        JsonLine lines;
        try {
            lines = lines();
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl json: " + e.getMessage());
            return Outcomes.USAGE;
        }
        JsonInputs inputs;
        try {
            inputs = JsonInputs.collect(paths, console.workingDirectory());
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl json: " + e.getMessage());
            return Outcomes.USAGE;
        }
        for (String skip : inputs.skipped()) {
            console.err().println("isolatectl json: skipped " + skip);
        }
        List<Path> files = inputs.files();
        boolean ndjson = output.equals("ndjson");
        boolean counted = lines == JsonSummary.LINE; // the isolates send back the counts alone
        PrintStream out = console.lineOutput();
        long[] failed = {0};
        long[] done = {0};
        long[] bytes = {0};
        long started = System.nanoTime();
        Progress progress = new Progress(console, "files", files.size(), verbosity.quiet);
        JsonFileParsing parsing;
        try {
            parsing = cluster.isEmpty() ? JsonFileParsing.local(console, Math.min(workers, Math.max(1, files.size())), files.size())
                    : ClusterJsonParsing.connect(cluster, clusterName, verbosity.verbose);
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl json: " + e.getMessage());
            return Outcomes.USAGE;
        } catch (ClusterJsonParsing.NoMemberException e) {
            console.err().println("isolatectl json: " + e.getMessage());
            return Outcomes.NOT_STARTED;
        }
        boolean finished = false;
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 16);
            OrderedOutput<String, JsonFileResult> results = new OrderedOutput<>(window(workers), (file, result, failure) -> {
                done[0]++;
                if (result != null) {
                    bytes[0] += result.bytes();
                }
                String error = failure != null ? why(failure) : result.error();
                if (error == null) {
                    error = print(result, lines, line, out);
                }
                if (error != null) {
                    failed[0]++;
                    if (ndjson) {
                        // stdout holds documents only; a consumer learns of a failed file from here and the exit code
                        progress.println("isolatectl json: " + file + ": " + error);
                    } else {
                        out.println(JsonFileResult.errorLine(file, error));
                    }
                }
                progress.update(done[0], bytes[0]);
            }, out::flush);
            for (Path file : files) {
                results.add(file.toString(), parsing.parse(console.resolve(file), file.toString(), counted));
            }
            results.finish();
            finished = true;
        } finally {
            parsing.close(finished);
        }
        progress.finish();
        out.flush();
        int skipped = inputs.skipped().size();
        if (!verbosity.quiet) {
            double seconds = (System.nanoTime() - started) / 1e9;
            console.err().printf(Locale.ROOT, "isolatectl json: %d file%s, %.1f MB in %.1f s (%.1f MB/s), %d failed%s%n",
                    files.size(), files.size() == 1 ? "" : "s", bytes[0] / 1e6, seconds, bytes[0] / 1e6 / seconds, failed[0],
                    skipped == 0 ? "" : ", " + skipped + " skipped");
        }
        return failed[0] == 0 && skipped == 0 ? Outcomes.OK : Outcomes.FAILED;
    }

    private JsonLine lines() {
        if (select.isEmpty()) {
            return output.equals("ndjson") ? JsonLine.NDJSON : JsonSummary.LINE;
        }
        if (output.equals("ndjson")) {
            throw new IllegalArgumentException("--select prints its own lines; it cannot be combined with --output ndjson");
        }
        return JsonSelection.of(select);
    }

    /**
     * Files in flight: enough to keep every isolate busy, and fewer than the 64 transfers one
     * isolate's shared memory holds, since documents waiting for an earlier file to be printed
     * may all come from one isolate.
     */
    static int window(int workers) {
        return Math.max(workers, Math.min(JsonBatch.MAX_IN_FLIGHT, 4 * workers));
    }

    /**
     * Prints the line of a file that parsed: its counts, or what {@code lines} reads from its
     * document in this JVM; closes the document. Nothing reaches {@code out} unless the whole line
     * was written.
     *
     * @return null, or why the document could not be read
     */
    private static String print(JsonFileResult result, JsonLine lines, ByteArrayOutputStream line, PrintStream out) {
        try {
            line.reset();
            result.writeLine(lines, line);
            line.write('\n');
            line.writeTo(out);
            return null;
        } catch (IOException | RuntimeException e) {
            return "its parsed document cannot be read: " + e.getMessage();
        }
    }

    private static String why(Throwable failure) {
        return failure instanceof IsolateCrashedException c
                ? "the isolate parsing it died: " + c.reason() + " (exit code " + c.exitCode() + ")"
                : Outcomes.describe(failure, false).split("\n", 2)[0];
    }
}
