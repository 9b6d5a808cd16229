package dev.isolates.cli;

import dev.isolates.IsolatePool;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@code isolatectl json} parses its files: in a pool of local isolates, or on the members of
 * a cluster ({@link ClusterJsonParsing}). Either way each file becomes a {@link JsonFileResult},
 * printed by the same code. Called by the command's one thread.
 */
interface JsonFileParsing {
    /**
     * Starts parsing one file.
     *
     * @param file the file, resolved against the command's folder
     * @param name the file as its line names it: as given on the command line
     * @param counted whether only the document's counts are wanted ({@link JsonSummary}), not the document
     * @return completes with the file's result, or fails with why it could not be parsed
     */
    CompletableFuture<JsonFileResult> parse(Path file, String name, boolean counted);

    /**
     * Gives back what the parsing used.
     *
     * @param finished false when the command did not finish (cancelled, failed)
     */
    void close(boolean finished);

    /** Parsing in {@code size} isolates of the console's json pools, each reading its file from disk. */
    static JsonFileParsing local(Console console, int size, int files) {
        IsolatePool pool = console.jsonPools().lease(size, files);
        return new JsonFileParsing() {
            @Override
            public CompletableFuture<JsonFileResult> parse(Path file, String name, boolean counted) {
                return pool.submit(new JsonFileTask(file.toString(), name, counted));
            }

            @Override
            public void close(boolean finished) {
                console.jsonPools().release(pool, finished);
            }
        };
    }
}
