package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.isolates.IsolateCallable;
import dev.isolates.json.JsonCounts;
import dev.isolates.json.JsonDocument;
import dev.isolates.json.JsonFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One file of {@code isolatectl json}, parsed in an isolate into a {@link JsonDocument}: its tape is
 * written in the isolate's shared memory and only a handle comes back, from which the supervisor
 * reads what it prints (the document, selected values); or, when only the counts are printed, the
 * isolate counts the file (as it scans it, for plain JSON, writing no tape) and sends back only
 * those. The file is held to
 * {@link JsonLimits}. A file that is not one well-formed JSON document gives an error with where
 * parsing stopped.
 *
 * @param path    the file to read
 * @param name    the file as its result names it: as given on the command line
 * @param counted whether the isolate sends back the document's counts ({@link JsonSummary}) instead of the document
 */
record JsonFileTask(String path, String name, boolean counted) implements IsolateCallable<JsonFileResult> {
    private static final JsonFactory FACTORY = JsonLimits.factory();
    /**
     * Files up to this size are read whole and scanned (into a tape, or only counted) without
     * Jackson where they are plain JSON; the scanner accepts only documents well inside Jackson's
     * default limits, which are the command's.
     */
    private static final long WHOLE_FILE_BYTES = 32L << 20;

    /** The document of the file at {@code path}, named by that path. */
    JsonFileTask(String path) {
        this(path, path, false);
    }

    @Override
    public JsonFileResult call() throws IOException {
        Path file = Path.of(path);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long bytes = attributes.size();
        if (attributes.isRegularFile() && bytes <= WHOLE_FILE_BYTES && bytes <= Runtime.getRuntime().maxMemory() / 8) {
            return result(name, Files.readAllBytes(file), counted);
        }
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            return result(name, parser, bytes, counted);
        }
    }

    /**
     * The result of the file named {@code name} whose bytes are {@code content}: scanned straight
     * into a tape (or only counted) when it is plain JSON, else parsed by Jackson; its document (or
     * counts), or where parsing stopped.
     */
    static JsonFileResult result(String name, byte[] content, boolean counted) throws IOException {
        try {
            if (counted) { // plain JSON is counted as it is scanned, without a tape
                return JsonFileResult.counted(name, JsonSummary.of(JsonCounts.of(content)), content.length);
            }
            return JsonFileResult.document(name, JsonDocument.parse(content), content.length);
        } catch (JsonProcessingException e) {
            // parsed again below, for the command's own words and limits: only a malformed file pays twice
        }
        try (JsonParser parser = FACTORY.createParser(content)) {
            return result(name, parser, content.length, counted);
        }
    }

    /**
     * The result of the file named {@code name}, of {@code bytes} bytes, that {@code parser} reads:
     * its document (or counts), or where parsing stopped.
     */
    private static JsonFileResult result(String name, JsonParser parser, long bytes, boolean counted) throws IOException {
        try {
            return answer(name, parse(parser), bytes, counted);
        } catch (JsonProcessingException e) {
            return JsonFileResult.error(name, JsonFileException.describe(e), bytes);
        }
    }

    private static JsonFileResult answer(String name, JsonDocument document, long bytes, boolean counted) {
        if (!counted) {
            return JsonFileResult.document(name, document, bytes);
        }
        try (document) {
            return JsonFileResult.counted(name, JsonSummary.of(document.root()), bytes);
        }
    }

    /** The one JSON value the parser reads, as a tape. */
    private static JsonDocument parse(JsonParser parser) throws IOException {
        if (located(parser) == null) {
            throw new JsonParseProblem("no JSON value in the file", parser.currentLocation());
        }
        JsonDocument document;
        try {
            document = JsonDocument.parse(parser);
        } catch (JsonProcessingException e) {
            throw located(e, parser);
        }
        try {
            if (located(parser) != null) {
                throw new JsonParseProblem("more than one JSON value in the file", parser.currentLocation());
            }
        } catch (IOException | RuntimeException e) {
            document.close();
            throw e;
        }
        return document;
    }

    /** The next token, or a failure that says where parsing stopped. */
    private static JsonToken located(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw located(e, parser);
        }
    }

    /**
     * Jackson's limits (nesting depth, say) fail without a location; this adds where the parser
     * stopped, so every error names a line and column.
     */
    private static JsonProcessingException located(JsonProcessingException e, JsonParser parser) {
        return e.getLocation() != null ? e : new JsonParseProblem(e.getOriginalMessage(), parser.currentLocation());
    }

    /** A problem Jackson does not report itself: an empty file, or a second root value. */
    private static final class JsonParseProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(String message, JsonLocation location) {
            super(message, location);
        }
    }
}
