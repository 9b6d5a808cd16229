package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import java.io.IOException;

/**
 * One file of {@code isolatectl json --cluster}: its bytes travel with the task, so a member needs
 * no shared disk, and it is parsed as {@link JsonFileTask} parses a file (the same limits, the same
 * errors), into the same {@link JsonFileResult}. The member sends the document back as bytes, or
 * only its counts.
 *
 * @param content the file's bytes
 * @param name    the file as its result names it: as given on the command line
 * @param counted whether only the document's counts ({@link JsonSummary}) go back
 */
record JsonBytesTask(byte[] content, String name, boolean counted) implements IsolateCallable<JsonFileResult> {
    @Override
    public JsonFileResult call() throws IOException {
        return JsonFileTask.result(name, content, counted);
    }
}
