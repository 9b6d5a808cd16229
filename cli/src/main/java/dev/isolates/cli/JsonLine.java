package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.isolates.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What {@code isolatectl json} prints for a file that parsed, read from its document's tape in the
 * supervisor: its counts ({@link JsonSummary}), the document itself ({@link #NDJSON}), or the values
 * at some JSON Pointers ({@link JsonSelection}). One line, without its line break.
 */
@FunctionalInterface
interface JsonLine {
    /** Generators that leave the stream open and unflushed: the caller owns it. */
    JsonFactory OUTPUT = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    /** {@code --output ndjson}: the document compacted, numbers as written. */
    JsonLine NDJSON = (file, bytes, root, out) -> {
        try (var generator = OUTPUT.createGenerator(out)) {
            root.writeTo(generator);
        }
    };

    /**
     * Writes the line of one file.
     *
     * @param file  the file as named on the command line
     * @param bytes its size
     * @param root  its document's root
     * @param out   where the line goes
     * @throws IOException if writing fails
     */
    void write(String file, long bytes, JsonValue root, OutputStream out) throws IOException;
}
