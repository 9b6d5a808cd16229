package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.isolates.IsolateCallable;
import dev.isolates.json.JsonDocument;
import dev.isolates.json.JsonFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of {@code isolatectl json}, parsed in an isolate into a {@link JsonDocument}: its tape is
 * written in the isolate's shared memory and only a handle comes back; what is printed (counts,
 * the document, selected values) is read from the tape in the supervisor. The file is held to
 * {@link JsonLimits}. A file that is not one well-formed JSON document gives an error with where
 * parsing stopped.
 *
 * @param path the file to read
 * @param name the file as its result names it: as given on the command line
 */
record JsonFileTask(String path, String name) implements IsolateCallable<JsonFileResult> {
    private static final JsonFactory FACTORY = JsonLimits.factory();

    /** The file at {@code path}, named by that path. */
    JsonFileTask(String path) {
        this(path, path);
    }

    @Override
    public JsonFileResult call() throws IOException {
        Path file = Path.of(path);
        long bytes = Files.size(file);
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            return result(name, parser, bytes);
        }
    }

    /** A parser of {@code content} held to {@link JsonLimits}, as a file's parser is. */
    static JsonParser parser(byte[] content) throws IOException {
        return FACTORY.createParser(content);
    }

    /**
     * The result of the file named {@code name}, of {@code bytes} bytes, that {@code parser} reads:
     * its document, or where parsing stopped.
     */
    static JsonFileResult result(String name, JsonParser parser, long bytes) throws IOException {
        try {
            return JsonFileResult.document(name, parse(parser), bytes);
        } catch (JsonProcessingException e) {
            return JsonFileResult.error(name, JsonFileException.describe(e), bytes);
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
