package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isolatectl json --select POINTER}: per file one line with the values at those JSON
 * Pointers, read from the document's tape in the supervisor; pointers with nothing at them listed
 * under {@code "missing"}.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlJsonSelectTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.json"), "{\"id\": 7, \"name\": \"x\\u00e9\", \"price\": 12.50,"
                + " \"tags\": [\"new\", {\"k\": [1, 2]}], \"a/b\": true, \"big\": 123456789012345678901234567890}");
        Files.writeString(in.resolve("b.json"), "{\"id\": 8, \"tags\": []}");
        Files.writeString(in.resolve("c.json"), "[1, 2,, 3]");
        Files.writeString(in.resolve("d.json"), "\"just a string\"");
    }

    @Test
    void shouldPrintTheValuesAtEachPointerInOrderAndListThoseWithNothingThere() throws Exception {
        Result r = Isolatectl.run(dir, "json", "--workers", "2", "--select", "/id", "--select", "/name",
                "--select", "/price", "--select", "/tags/1", "--select", "/a~1b", "--select", "/big", "--select", "/id", "in");
        assertEquals(1, r.exitCode(), "c.json is malformed: " + r.printed());
        assertEquals(List.of(
                "{\"file\":\"in/a.json\",\"/id\":7,\"/name\":\"x\u00e9\",\"/price\":12.50,\"/tags/1\":{\"k\":[1,2]},"
                        + "\"/a~1b\":true,\"/big\":123456789012345678901234567890}",
                "{\"file\":\"in/b.json\",\"/id\":8,\"missing\":[\"/name\",\"/price\",\"/tags/1\",\"/a~1b\",\"/big\"]}",
                r.lines().get(2),
                "{\"file\":\"in/d.json\",\"missing\":[\"/id\",\"/name\",\"/price\",\"/tags/1\",\"/a~1b\",\"/big\"]}"),
                r.lines(), r.printed());
        assertTrue(r.lines().get(2).startsWith("{\"file\":\"in/c.json\",\"error\":\"") && r.lines().get(2).contains("line 1, column 7"),
                "a malformed file's line is its error, as in summary mode: " + r.lines().get(2));
        assertTrue(r.stderr().contains("4 files") && r.stderr().contains("1 failed"), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldSelectTheWholeDocumentWithTheEmptyPointer() throws Exception {
        Result r = Isolatectl.run(dir, "json", "--select", "", "--select", "/tags/0", "in/b.json", "in/d.json");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(List.of("{\"file\":\"in/b.json\",\"\":{\"id\":8,\"tags\":[]},\"missing\":[\"/tags/0\"]}",
                "{\"file\":\"in/d.json\",\"\":\"just a string\",\"missing\":[\"/tags/0\"]}"), r.lines(), r.printed());
    }

    @Test
    void shouldRefuseAPointerThatIsNotOneAndSelectWithNdjsonOutputAsUsageErrors() throws Exception {
        Result notAPointer = Isolatectl.run(dir, "json", "--select", "id", "in");
        assertEquals(2, notAPointer.exitCode(), notAPointer.printed());
        assertTrue(notAPointer.stderr().contains("--select") && notAPointer.stderr().contains("'id'")
                && notAPointer.stderr().contains("/id"), notAPointer.printed());
        assertEquals("", notAPointer.stdout(), notAPointer.printed());
        assertNoStackTrace(notAPointer);

        Result badEscape = Isolatectl.run(dir, "json", "--select", "/a~2b", "in");
        assertEquals(2, badEscape.exitCode(), badEscape.printed());
        assertTrue(badEscape.stderr().contains("~1"), badEscape.printed());

        Result withNdjson = Isolatectl.run(dir, "json", "--output", "ndjson", "--select", "/id", "in");
        assertEquals(2, withNdjson.exitCode(), withNdjson.printed());
        assertTrue(withNdjson.stderr().contains("--select") && withNdjson.stderr().contains("--output ndjson"), withNdjson.printed());
        assertNoStackTrace(withNdjson);
    }
}
