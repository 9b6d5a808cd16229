package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.json.JsonBatch;
import dev.isolates.json.JsonDocument;
import dev.isolates.json.JsonFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonBatch} over real files in a pool of real worker JVMs. */
@ExtendWith(NoChildProcessLeftBehind.class)
class JsonBatchTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldHandBackEachFilesDocumentOrErrorInInputOrder() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // large and small files mixed, so the two isolates finish them out of order
            files.add(JsonTestFiles.write(dir.resolve("f" + i + ".json"), JsonTestFiles.orders("O-" + i, i % 4 == 0 ? 8000 : 3)));
        }
        files.add(5, JsonTestFiles.write(dir.resolve("syntax.json"), "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n"));
        files.add(11, dir.resolve("missing.json"));

        List<String> seen = new ArrayList<>();
        try (IsolatePool pool = IsolatePool.builder().size(2).prefetch(true).build();
             Stream<JsonBatch.Result> results = JsonBatch.parse(pool, files, 8)) {
            results.forEach(r -> {
                seen.add(r.path().getFileName().toString());
                if (r.path().endsWith("syntax.json")) {
                    JsonFileException e = r.error();
                    assertTrue(r.failed());
                    assertEquals(3, e.line(), e.getMessage());
                    assertEquals(14, e.column(), "the second comma: " + e.getMessage());
                    assertTrue(e.getMessage().startsWith(r.path() + ": Unexpected character (','")
                            && e.getMessage().endsWith(" at line 3, column 14"), e.getMessage());
                    assertThrows(JsonFileException.class, r::document);
                } else if (r.path().endsWith("missing.json")) {
                    assertTrue(r.failed());
                    assertEquals(r.path() + ": no such file", r.error().getMessage());
                    assertEquals(-1, r.error().line());
                } else {
                    assertFalse(r.failed(), () -> r.error().getMessage());
                    try (JsonDocument doc = r.document()) {
                        assertEquals(JSON.readTree(Files.readString(r.path())), JSON.readTree(doc.root().toString()), r.path().toString());
                    } catch (Exception e) {
                        throw new AssertionError(r.path() + ": " + e, e);
                    }
                }
            });
        }
        List<String> expected = files.stream().map(f -> f.getFileName().toString()).toList();
        assertEquals(expected, seen, "input order");
    }

    @Test
    void shouldTakeNoMoreThanMaxInFlightFilesAheadOfTheConsumerOfEndlessInput() throws Exception {
        Path small = JsonTestFiles.write(dir.resolve("small.json"), JsonTestFiles.orders("S", 20));
        Path large = JsonTestFiles.write(dir.resolve("large.json"), JsonTestFiles.orders("L", 20_000));
        long largeTape;
        try (IsolatePool pool = IsolatePool.builder().size(2).prefetch(true).build()) {
            try (JsonDocument doc = JsonBatch.parse(pool, List.of(large)).findFirst().orElseThrow().document()) {
                largeTape = doc.tapeBytes();
            }
            AtomicInteger pulled = new AtomicInteger();
            Iterable<Path> endless = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Path next() {
                    return pulled.getAndIncrement() % 2 == 0 ? small : large;
                }
            };
            int maxInFlight = 4;
            int taken = 0;
            try (Stream<JsonBatch.Result> results = JsonBatch.parse(pool, endless, maxInFlight)) {
                Iterator<JsonBatch.Result> it = results.iterator();
                while (taken < 40) {
                    try (JsonDocument doc = it.next().document()) {
                        taken++;
                        assertEquals(taken % 2 == 1 ? "S" : "L", doc.root().get("order").asText(), "result " + taken);
                    }
                    assertTrue(pulled.get() - taken <= maxInFlight,
                            "after " + taken + " results, " + pulled.get() + " files taken from the input");
                    assertTrue(SessionArenas.held(largeTape) <= maxInFlight, SessionArenas.sentLengths().toString());
                }
            }
            awaitIdle(pool);
            // no garbage collection asked for: the stream, not the collector, closes them
            assertEquals(0, SessionArenas.awaitHeldAtMost(largeTape, 0, Duration.ofSeconds(10), false),
                    "closing the stream closed the documents never taken, also those still being parsed: "
                            + SessionArenas.sentLengths());
            assertEquals(taken + maxInFlight, pulled.get(), "no file taken after the stream was closed");
        }
    }

    /** Waits until the pool runs and holds no task: the files in flight when the stream was closed are parsed. */
    private static void awaitIdle(IsolatePool pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((pool.stats().queued() > 0 || pool.stats().running() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, pool.stats().queued() + pool.stats().running(), pool.stats().toString());
    }

    @Test
    void shouldFailAFileWhoseIsolateDiesAloneAndParseTheRest() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(JsonTestFiles.write(dir.resolve("ok-" + i + ".json"), JsonTestFiles.orders("K-" + i, 50)));
        }
        // 12 MB of text, a 48 MB tape at the least: more than a 32 MB heap holds
        files.add(2, JsonTestFiles.integers(dir.resolve("huge.json"), 6_000_000));
        List<JsonBatch.Result> results = new ArrayList<>();
        try (IsolatePool pool = IsolatePool.builder().size(2)
                .options(IsolateOptions.builder().debugName("small-heap").maxHeap("32m").build()).build();
             Stream<JsonBatch.Result> stream = JsonBatch.parse(pool, files)) {
            stream.forEach(r -> {
                results.add(r);
                if (!r.failed()) {
                    try (JsonDocument doc = r.document()) {
                        assertEquals(50, doc.root().get("items").size(), r.path().toString());
                    }
                }
            });
            assertFalse(pool.isFailed(), "the pool replaced the isolate");
            assertEquals(1, pool.stats().restarts(), pool.stats().toString());
        }
        assertEquals(files, results.stream().map(JsonBatch.Result::path).toList());
        for (int i = 0; i < results.size(); i++) {
            JsonBatch.Result r = results.get(i);
            assertEquals(i == 2, r.failed(), r.path() + ": " + (r.failed() ? r.error().getMessage() : "parsed"));
        }
        JsonFileException e = results.get(2).error();
        IsolateCrashedException crash = assertInstanceOf(IsolateCrashedException.class, e.getCause(), e.toString());
        assertEquals("OutOfMemoryError", crash.reason());
        assertTrue(e.getMessage().contains("huge.json: the isolate parsing it died: OutOfMemoryError (exit code "
                + crash.exitCode() + ")") && e.getMessage().contains("maxHeap"), e.getMessage());
    }
}
