package dev.isolates.cli;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
                "Every .json file under PATH... is parsed with Jackson. Lines come in sorted",
                "path order: {\"file\",\"bytes\",\"values\",\"keys\",\"depth\"}, or",
                "{\"file\",\"error\"} with the line and column where parsing stopped. A bad,",
                "truncated, huge or deeply nested file fails alone; an isolate that dies",
                "on one is replaced and the batch goes on. With --output ndjson, stdout holds",
                "only the documents, and each failed file is one line on stderr."},
        footer = {"", "Examples:",
                "  isolatectl json data/",
                "  isolatectl json --workers 2 --output ndjson a.json b.json > all.ndjson",
                "", "Exit codes: 0 every file parsed, 1 a file failed, 2 usage."})
final class JsonCommand implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", description = "Isolates parsing at once (default: the number of CPUs).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--output", paramLabel = "MODE", description = "summary (counts, the default) or ndjson (each document compacted on one line).")
    String output = "summary";

    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "PATH", description = "Files, or folders searched for .json files.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (workers < 1) {
            System.err.println("isolatectl json: --workers must be at least 1, was " + workers);
            return Outcomes.USAGE;
        }
        if (!output.equals("summary") && !output.equals("ndjson")) {
            System.err.println("isolatectl json: --output must be summary or ndjson, was " + output);
            return Outcomes.USAGE;
        }
        JsonInputs inputs;
        try {
            inputs = JsonInputs.collect(paths);
        } catch (IllegalArgumentException e) {
            System.err.println("isolatectl json: " + e.getMessage());
            return Outcomes.USAGE;
        }
        for (String skip : inputs.skipped()) {
            System.err.println("isolatectl json: skipped " + skip);
        }
        List<Path> files = inputs.files();
        boolean ndjson = output.equals("ndjson");
        PrintStream out = StandardOutput.buffered();
        long[] failed = {0};
        long[] done = {0};
        long[] bytes = {0};
        long started = System.nanoTime();
        Progress progress = new Progress("files", files.size(), verbosity.quiet);
        try (IsolatePool pool = IsolatePool.builder().size(Math.min(workers, Math.max(1, files.size())))
                .options(IsolateOptions.builder().debugName("json").build())
                .maxRestarts(Math.max(20, files.size()), Duration.ofMinutes(1))
                .prefetch(true)
                .build()) {
            OrderedOutput<String, JsonFileResult> results = new OrderedOutput<>(64 * workers, (file, result, failure) -> {
                done[0]++;
                if (result != null) {
                    bytes[0] += result.bytes();
                }
                String error = failure != null ? why(failure) : result.error();
                if (error == null) {
                    result.printTo(out);
                } else {
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
                results.add(file.toString(), pool.submit(new JsonFileTask(file.toString(), ndjson)));
            }
            results.finish();
        }
        progress.finish();
        out.flush();
        int skipped = inputs.skipped().size();
        if (!verbosity.quiet) {
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf(Locale.ROOT, "isolatectl json: %d file%s, %.1f MB in %.1f s (%.1f MB/s), %d failed%s%n",
                    files.size(), files.size() == 1 ? "" : "s", bytes[0] / 1e6, seconds, bytes[0] / 1e6 / seconds, failed[0],
                    skipped == 0 ? "" : ", " + skipped + " skipped");
        }
        return failed[0] == 0 && skipped == 0 ? Outcomes.OK : Outcomes.FAILED;
    }

    private static String why(Throwable failure) {
        return failure instanceof IsolateCrashedException c
                ? "the isolate parsing it died: " + c.reason() + " (exit code " + c.exitCode() + ")"
                : Outcomes.describe(failure, false).split("\n", 2)[0];
    }
}
