package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.it.Isolatectl.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code isolatectl json} over a folder tree of good and bad files: one line per file, in sorted path order. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE_COLUMN = Pattern.compile("line \\d+, column \\d+");
    /** Hand-checked: values {}, [], 1, 2, {}, null, "x" = 7; keys a, b, c = 3; depth {} > [] > {} = 3; 30 bytes. */
    private static final String SMALL = "{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"}";

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void shouldReportEveryFileInSortedPathOrderWithCountsOrWhereParsingStopped(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("batch");
        write(root.resolve("b/small.json"), SMALL);
        write(root.resolve("a/syntax.json"), "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n");
        write(root.resolve("c/truncated.json"), "{\"items\": [1, 2, {\"k\": ");
        write(root.resolve("c/empty.json"), "");
        write(root.resolve("deep.json"), "[".repeat(5000) + "]".repeat(5000));
        write(root.resolve("z/last.json"), "[true, false]");
        write(root.resolve("z/notes.txt"), "not JSON and not named .json: skipped");

        Result r = Isolatectl.run(dir, "json", "--workers", "2", root.toString());
        assertEquals(1, r.exitCode(), r.printed());
        List<String> lines = r.lines();
        List<String> expectedOrder = List.of("a/syntax.json", "b/small.json", "c/empty.json", "c/truncated.json", "deep.json",
                "z/last.json");
        List<String> files = new ArrayList<>();
        for (String line : lines) {
            files.add(root.relativize(Path.of(JSON.readTree(line).path("file").asText())).toString());
        }
        assertEquals(expectedOrder, files, r.printed());

        JsonNode small = JSON.readTree(lines.get(1));
        assertEquals(30, small.path("bytes").asLong(), lines.get(1));
        assertEquals(7, small.path("values").asLong(), lines.get(1));
        assertEquals(3, small.path("keys").asLong(), lines.get(1));
        assertEquals(3, small.path("depth").asLong(), lines.get(1));
        assertFalse(small.has("error"), lines.get(1));

        JsonNode last = JSON.readTree(lines.get(5));
        assertEquals(13, last.path("bytes").asLong(), lines.get(5));
        assertEquals(3, last.path("values").asLong(), lines.get(5));
        assertEquals(0, last.path("keys").asLong(), lines.get(5));
        assertEquals(1, last.path("depth").asLong(), lines.get(5));

        assertTrue(error(lines.get(0)).contains("line 3, column 14"), "the second comma on line 3: " + lines.get(0));
        assertTrue(error(lines.get(2)).contains("line 1, column 1"), lines.get(2));
        assertTrue(error(lines.get(3)).contains("end-of-input"), lines.get(3));
        assertTrue(LINE_COLUMN.matcher(error(lines.get(3))).find(), lines.get(3));
        assertTrue(error(lines.get(4)).contains("depth"), "says it is nested too deeply: " + lines.get(4));
        assertTrue(LINE_COLUMN.matcher(error(lines.get(4))).find(), "where it stopped: " + lines.get(4));

        assertTrue(r.stderr().contains("6 files") && r.stderr().contains("4 failed"), "summary: " + r.printed());
        assertNoStackTrace(r);
    }

    private static String error(String line) throws Exception {
        JsonNode node = JSON.readTree(line);
        assertFalse(node.has("values"), "a failed file has no counts: " + line);
        return node.path("error").asText();
    }

    @Test
    void shouldExitZeroWhenEveryFileParses(@TempDir Path dir) throws Exception {
        write(dir.resolve("in/one.json"), SMALL);
        write(dir.resolve("in/two.json"), "\"just a string\"");
        Result r = Isolatectl.run(dir, "json", "--workers", "1", "in");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(2, r.lines().size(), r.printed());
        JsonNode two = JSON.readTree(r.lines().get(1));
        assertEquals("in/two.json", two.path("file").asText(), r.printed());
        assertEquals(1, two.path("values").asLong(), r.printed());
        assertEquals(0, two.path("depth").asLong(), r.printed());
    }

    @Test
    void shouldPrintEachDocumentCompactedOnOneLineWithNdjsonOutput(@TempDir Path dir) throws Exception {
        write(dir.resolve("docs/1.json"), "{\n  \"a\" : [ 1, 2, { \"b\" : null } ],\n  \"c\" : \"x\"\n}\n");
        write(dir.resolve("docs/2.json"), "[ \"line\\nbreak\" ,\t3.5 ]");
        Result r = Isolatectl.run(dir, "json", "--output", "ndjson", "docs");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(List.of(SMALL, "[\"line\\nbreak\",3.5]"), r.lines(), r.printed());
    }

    @Test
    void shouldFailEmptyAndDoubleDocumentsAloneWithNdjsonOutput(@TempDir Path dir) throws Exception {
        write(dir.resolve("docs/a-empty.json"), "  \n");
        write(dir.resolve("docs/b-two.json"), "{\"a\": 1}\n[2]\n");
        write(dir.resolve("docs/c-unicode.json"), "{\"caf\\u00e9\": \"na\u00efve\", \"n\": 1e3}");
        Result r = Isolatectl.run(dir, "json", "--output", "ndjson", "docs");
        assertEquals(1, r.exitCode(), r.printed());
        assertEquals(List.of("{\"caf\u00e9\":\"na\u00efve\",\"n\":1e3}"), r.lines(), "documents only: " + r.printed());
        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("isolatectl json: docs/")).toList();
        assertEquals(2, errors.size(), r.printed());
        assertTrue(errors.get(0).startsWith("isolatectl json: docs/a-empty.json: ") && errors.get(0).contains("no JSON value"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("isolatectl json: docs/b-two.json: ")
                && errors.get(1).contains("more than one JSON value") && errors.get(1).contains("line 2"), errors.get(1));
    }

    @Test
    void shouldExitTwoWhenAPathDoesNotExist(@TempDir Path dir) throws Exception {
        write(dir.resolve("real.json"), SMALL);
        Result r = Isolatectl.run(dir, "json", "real.json", "missing-folder");
        assertEquals(2, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("missing-folder"), r.printed());
        assertEquals("", r.stdout(), "nothing parsed when the command line is wrong: " + r.printed());
        assertNoStackTrace(r);
    }
}
