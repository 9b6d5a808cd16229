package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.isolates.IsolateCallable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One file of {@code isolatectl json}, parsed in an isolate. Summary mode streams through it and
 * counts every value (the root included), object member and the deepest nesting; ndjson mode
 * returns the document compacted on one line, numbers as written. Both modes hold the file to the
 * same {@link JsonLimits}. A file that is not one well-formed JSON document gives an error with
 * where parsing stopped.
 *
 * @param path   the file
 * @param ndjson whether to return the document instead of its counts
 */
record JsonFileTask(String path, boolean ndjson) implements IsolateCallable<JsonFileResult> {
    private static final JsonFactory FACTORY = JsonLimits.factory();

    @Override
    public JsonFileResult call() throws IOException {
        Path file = Path.of(path);
        long bytes = Files.size(file);
        try {
            return ndjson ? JsonFileResult.line(path, compact(file, bytes), bytes)
                    : JsonFileResult.line(path, summary(file, bytes).getBytes(StandardCharsets.UTF_8), bytes);
        } catch (JsonProcessingException e) {
            return JsonFileResult.error(path, error(e), bytes);
        }
    }

    private String summary(Path file, long bytes) throws IOException {
        long values = 0;
        long keys = 0;
        int depth = 0;
        int deepest = 0;
        boolean rootSeen = false;
        // Skipping a string checks no limit; reading it does. No string of a smaller file can be too long.
        boolean checkStrings = bytes > JsonLimits.MAX_STRING_CHARS;
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            JsonToken t;
            while ((t = located(parser)) != null) {
                if (depth == 0 && rootSeen) {
                    throw new JsonParseProblem("more than one JSON value in the file", parser.currentLocation());
                }
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        values++;
                        depth++;
                        deepest = Math.max(deepest, depth);
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> keys++;
                    case VALUE_STRING -> {
                        values++;
                        if (checkStrings) {
                            readString(parser);
                        }
                    }
                    default -> values++;
                }
                if (depth == 0) {
                    rootSeen = true;
                }
            }
            if (!rootSeen) {
                throw new JsonParseProblem("no JSON value in the file", parser.currentLocation());
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", path);
        line.put("bytes", bytes);
        line.put("values", values);
        line.put("keys", keys);
        line.put("depth", deepest);
        return Json.write(line);
    }

    /**
     * The document re-written without whitespace, token by token as it is read (no tree in memory),
     * as UTF-8 bytes.
     */
    private static byte[] compact(Path file, long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bytes + 16, Integer.MAX_VALUE - 16));
        try (JsonParser parser = FACTORY.createParser(file.toFile());
             JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (located(parser) == null) {
                throw new JsonParseProblem("no JSON value in the file", parser.currentLocation());
            }
            int depth = 0;
            do {
                JsonToken t = parser.currentToken();
                try {
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        // As written: through a double, 1e999999 would become "Infinity" and 1e3 1000.0.
                        generator.writeNumber(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    } else {
                        generator.copyCurrentEvent(parser);
                    }
                } catch (JsonProcessingException e) {
                    throw located(e, parser);
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && located(parser) != null);
            if (located(parser) != null) {
                throw new JsonParseProblem("more than one JSON value in the file", parser.currentLocation());
            }
        }
        return out.toByteArray();
    }

    /** Reads the current string value, which holds it to the string length limit (its length alone does not). */
    private static void readString(JsonParser parser) throws IOException {
        try {
            parser.getTextCharacters();
        } catch (JsonProcessingException e) {
            throw located(e, parser);
        }
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

    /** What went wrong and where, for a person: no Jackson source description or API names. */
    static String error(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        // Jackson's message names its redacted source (the file name is said already) and, for a
        // limit, the StreamReadConstraints method behind it.
        String message = e.getOriginalMessage().split("\n", 2)[0]
                .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replaceAll(", from `[^`]*`", "");
        return message + where;
    }

    /** A problem Jackson does not report itself: an empty file, or a second root value. */
    private static final class JsonParseProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(String message, JsonLocation location) {
            super(message, location);
        }
    }
}
