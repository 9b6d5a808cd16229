package dev.isolates.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;

/**
 * One file of a {@link JsonBatch} gave no document: it is not one well-formed JSON value (then
 * {@link #line()} and {@link #column()} say where parsing stopped, as Jackson reports it), it could
 * not be read, or the isolate parsing it died (then the cause is the pool's
 * {@link dev.isolates.IsolateCrashedException}, with the reason and exit code). The message says
 * what and where, starting with the file.
 */
public final class JsonFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final long line;
    private final long column;

    JsonFileException(Path path, String message, long line, long column, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /**
     * What a Jackson parse failure says, for a person: its message's first line, with the place it
     * cites in its own words ("line 1, column 7" instead of Jackson's source description) and
     * without the name of the Jackson setting behind a limit, then where parsing stopped.
     *
     * @param e the failure
     * @return for example {@code Unexpected end-of-input: expected close marker for Array at line 1, column 37}
     */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return e.getOriginalMessage().split("\n", 2)[0]
                .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replaceAll(", from `[^`]*`", "") + where;
    }

    /**
     * The file.
     *
     * @return the path as it was given to the batch
     */
    public Path path() {
        return path;
    }

    /**
     * Where parsing stopped.
     *
     * @return the line, from 1; or -1 when the failure has no place in the file (unreadable, isolate died)
     */
    public long line() {
        return line;
    }

    /**
     * Where parsing stopped.
     *
     * @return the column, from 1; or -1 when the failure has no place in the file
     */
    public long column() {
        return column;
    }
}
