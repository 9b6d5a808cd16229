package dev.isolates.regressions;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 12: with {@code --output ndjson} standard output holds only documents, each failed
 * file is a line on stderr; numbers keep the text they were written with; and a file over a limit
 * fails the same way in every output mode.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class JsonNdjsonKeepsErrorsOutOfTheDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBERS = "{\"huge\":1e999999,\"e\":1e3,\"long\":123456789012345678901234567890,"
            + "\"neg\":-0.0,\"frac\":0.10000000000000000000001,\"int\":7}";

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a-numbers.json"), " " + NUMBERS.replace(",", ", ") + "\n");
        Files.writeString(docs.resolve("b-broken.json"), "{\"a\": [1, 2,, 3]}");
        // One string value just over the 20,000,000-character limit: 20 MB of file.
        try (Writer w = Files.newBufferedWriter(docs.resolve("c-long-string.json"), StandardCharsets.UTF_8)) {
            w.write("[\"");
            char[] chunk = "x".repeat(1 << 16).toCharArray();
            long left = 20_000_100;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                w.write(chunk, 0, n);
                left -= n;
            }
            w.write("\"]");
        }
        Files.writeString(docs.resolve("d-plain.json"), "[true, null, \"x\"]");

        Path limits = Files.createDirectories(dir.resolve("limits"));
        Files.writeString(limits.resolve("deep.json"), "[".repeat(1001) + "]".repeat(1001));
        Files.writeString(limits.resolve("name.json"), "{\"" + "k".repeat(50_001) + "\": 1}");
        Files.writeString(limits.resolve("number.json"), "[" + "9".repeat(1001) + "]");
    }

    @Test
    void shouldGiveEveryFileOverALimitTheSameErrorInBothModes() throws Exception {
        Result summary = Isolatectl.run(dir, "json", "--workers", "1", "limits");
        Result ndjson = Isolatectl.run(dir, "json", "--workers", "1", "--output", "ndjson", "limits");
        assertEquals(1, summary.exitCode(), summary.printed());
        assertEquals(1, ndjson.exitCode(), ndjson.printed());
        assertEquals("", ndjson.stdout(), ndjson.printed());
        List<String> ndjsonErrors = ndjson.stderr().lines().filter(l -> l.startsWith("isolatectl json: limits/")).toList();
        assertEquals(3, summary.lines().size(), summary.printed());
        assertEquals(3, ndjsonErrors.size(), ndjson.printed());
        for (int i = 0; i < 3; i++) {
            JsonNode line = JSON.readTree(summary.lines().get(i));
            String expected = "isolatectl json: " + line.path("file").asText() + ": " + line.path("error").asText();
            assertTrue(line.path("error").asText().contains("exceeds the maximum allowed"), summary.lines().get(i));
            assertEquals(expected, ndjsonErrors.get(i), "the same limit and words in both modes");
        }
    }

    @Test
    void shouldWriteOnlyDocumentsToStdoutAndEachFailedFileToStderr() throws Exception {
        Result r = Isolatectl.run(dir, "json", "--workers", "2", "--output", "ndjson", "docs");
        assertEquals(1, r.exitCode(), "two files failed: " + r.printed());
        assertEquals(List.of(NUMBERS, "[true,null,\"x\"]"), r.lines(), "documents only, numbers as written: " + r.printed());

        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("isolatectl json: docs/")).toList();
        assertEquals(2, errors.size(), r.printed());
        assertTrue(errors.get(0).startsWith("isolatectl json: docs/b-broken.json: ") && errors.get(0).contains("line 1, column 13"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("isolatectl json: docs/c-long-string.json: ")
                && errors.get(1).contains("exceeds the maximum allowed (20000000"), errors.get(1));
        assertFalse(r.stderr().contains("StreamReadConstraints"), "no API names for a shell user: " + r.printed());
        assertTrue(r.stderr().contains("4 files") && r.stderr().contains("2 failed"), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldFailAFileOverALimitInSummaryModeAsInNdjsonMode() throws Exception {
        Result r = Isolatectl.run(dir, "json", "--workers", "2", "docs");
        assertEquals(1, r.exitCode(), r.printed());
        assertEquals(4, r.lines().size(), r.printed());
        JsonNode longString = JSON.readTree(r.lines().get(2));
        assertEquals("docs/c-long-string.json", longString.path("file").asText(), r.printed());
        String error = longString.path("error").asText();
        assertTrue(error.contains("String value length") && error.contains("exceeds the maximum allowed (20000000"),
                "the same limit as ndjson mode: " + r.lines().get(2));
        assertTrue(error.matches(".*line \\d+, column \\d+.*"), error);
        assertFalse(error.contains("StreamReadConstraints"), error);
        assertEquals(6, JSON.readTree(r.lines().get(0)).path("keys").asLong(), r.lines().get(0));
    }
}
