package dev.isolates.json;

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
