package dev.isolates.scripts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The plain one-thread program the cli section sets {@code isolatectl json} beside: Jackson's
 * streaming parser over every {@code .json} file under a folder, in sorted order, printing the
 * counts {@code isolatectl json} prints (values, keys, depth) as one line per file. Run as a whole
 * command: {@code java -cp ... dev.isolates.scripts.PlainJsonSummary DIR}.
 */
public final class PlainJsonSummary {
    private static final JsonFactory FACTORY = new JsonFactory();

    private PlainJsonSummary() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        try (PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false)) {
            for (Path f : files) {
                out.println(line(f));
            }
        }
    }

    /** The line of one file: Jackson's tokens counted as {@code isolatectl json} counts values, keys and depth. */
    static String line(Path f) throws IOException {
        long values = 0;
        long keys = 0;
        int depth = 0;
        int deepest = 0;
        try (JsonParser p = FACTORY.createParser(f.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    keys++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else {
                    values++;
                    if (t.isStructStart()) {
                        deepest = Math.max(deepest, ++depth);
                    }
                }
            }
        }
        return String.format(Locale.ROOT, "{\"file\":\"%s\",\"bytes\":%d,\"values\":%d,\"keys\":%d,\"depth\":%d}", f, Files.size(f),
                values, keys, deepest);
    }
}
