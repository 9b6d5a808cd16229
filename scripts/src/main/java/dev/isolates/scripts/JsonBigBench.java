package dev.isolates.scripts;

import dev.isolates.Isolates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The json-big section: a document of about 1 GB parsed in an isolate and walked in place by a JVM
 * whose heap is {@value #MAIN_HEAP} ({@link BigDocument}, started as a child JVM), the main JVM's peak
 * heap use beside its limit. Not thread-safe.
 */
final class JsonBigBench {
    static final String MAIN_HEAP = "64m";
    private final BenchTable table;

    JsonBigBench(BenchTable table) {
        this.table = table;
    }

    /** Runs the section. */
    void run() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PipeBaseline.java());
        command.add("-Xmx" + MAIN_HEAP);
        command.addAll(Isolates.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BigDocument.class.getName());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (l.startsWith("json-big: ")) {
                    line = l;
                } else {
                    System.out.println(l);
                }
            }
        } finally {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
            }
        }
        if (line == null) {
            System.out.println("json-big: no figures: its JVM exited with " + p.exitValue() + " (the reason is above); command: "
                    + String.join(" ", command));
            return;
        }
        System.out.println(line);
        report(fields(line));
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring("json-big: ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    private void report(Map<String, String> f) {
        long file = Long.parseLong(f.get("file_bytes"));
        long tape = Long.parseLong(f.get("tape_bytes"));
        double mib = 1024.0 * 1024;
        String what = String.format(Locale.ROOT, "json %.1f GB document, ", file / 1e9);
        double read = Long.parseLong(f.get("open_ms")) + Long.parseLong(f.get("walk_ms"));
        table.row(what + "walked in place", "%.0f MB/s", file / 1e3 / read, "main JVM heap",
                String.format(Locale.ROOT, "%.0f of %.0f MiB, %.0f live", Long.parseLong(f.get("main_heap_peak")) / mib,
                        Long.parseLong(f.get("main_xmx")) / mib, Long.parseLong(f.get("main_heap_live")) / mib), Double.NaN);
        table.row(what + "parsed in 1 isolate", "%.0f MB/s", file / 1e3 / Long.parseLong(f.get("parse_ms")), "worker heap",
                String.format(Locale.ROOT, "%.2f GiB, -Xmx%s", Long.parseLong(f.get("worker_heap_peak")) / mib / 1024,
                        f.get("worker_xmx")), Double.NaN);
        table.row(what + "tape size", "%.2fx", (double) tape / file, "input",
                String.format(Locale.ROOT, "%.1f MB", file / 1e6), Double.NaN);
    }
}
