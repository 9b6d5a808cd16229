package dev.isolates.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.isolates.IsolateCallable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Parses one file of a {@link JsonBatch}, in an isolate; the document's tape is written in that
 * isolate's shared memory, so only its handle comes back.
 *
 * @param path the file, as text ({@link Path} is not sendable)
 */
record FileParseTask(String path) implements IsolateCallable<ParsedFile> {
    @Override
    public ParsedFile call() {
        try {
            return ParsedFile.of(JsonDocument.parse(Path.of(path)));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return ParsedFile.failed(JsonFileException.describe(e), at == null ? -1 : at.getLineNr(),
                    at == null ? -1 : at.getColumnNr());
        } catch (NoSuchFileException e) {
            return ParsedFile.failed("no such file", -1, -1);
        } catch (IOException e) {
            return ParsedFile.failed("cannot be read: " + e, -1, -1);
        }
    }
}
