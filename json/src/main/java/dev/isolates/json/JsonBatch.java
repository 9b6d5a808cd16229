package dev.isolates.json;

import dev.isolates.IsolatePool;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Parses many JSON files in the isolates of an {@link IsolatePool} and hands back each file's
 * {@link JsonDocument}, or why it has none, in input order. The documents' tapes are written in the
 * isolates' shared memory and only handles come back, so reading them costs no copy.
 *
 * <pre>{@code
 * List<Path> files = List.of(Path.of("orders-1.json"), Path.of("orders-2.json"));
 * try (IsolatePool pool = IsolatePool.builder().size(2).build();
 *      Stream<JsonBatch.Result> results = JsonBatch.parse(pool, files)) {
 *     results.forEach(r -> {
 *         if (r.failed()) {
 *             System.err.println(r.error().getMessage());   // "orders-2.json: Unexpected ... at line 3, column 14"
 *             return;
 *         }
 *         try (JsonDocument doc = r.document()) {
 *             System.out.println(r.path() + ": " + doc.root().size() + " members");
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>At most {@code maxInFlight} files are in the pool or parsed and not yet taken; the next file is
 * taken from {@code paths} (which may be endless) as a result is taken, so memory stays flat however
 * many files there are. The caller closes every document it takes (a document not closed is freed
 * when it is garbage collected); closing the stream closes the documents it still holds, and those of
 * files still being parsed as they arrive. Documents waiting to be taken sit in the shared memory of
 * the isolate that parsed them, which holds at most 64 transfers at a time: keep fewer than 64
 * documents of one isolate open at once, or its next file fails with an error that says so.
 *
 * <p>A file that is not one well-formed JSON value fails alone, with Jackson's message and the line
 * and column where parsing stopped. A file whose isolate dies (out of heap on a huge file, say) fails
 * alone with the reason and exit code, and the pool replaces the isolate: build the pool with a
 * restart policy that restarts ({@link dev.isolates.RestartPolicy#ALWAYS}, the default, or
 * {@code ON_FAILURE}), with {@code maxRestarts} above the number of files that may kill their isolate
 * within its period (the default, 20 in 10 s, else the pool fails and so does every later file), and
 * with no {@code retries}, or such a file is parsed again and kills another isolate.
 *
 * <p>A stream is used by one thread; it is sequential and ordered.
 */
public final class JsonBatch {
    /** Files in flight unless said otherwise. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    /** The most files in flight: below the 64 transfers an isolate's shared memory holds at once. */
    public static final int MAX_IN_FLIGHT = 48;

    private JsonBatch() {
    }

    /**
     * Parses {@code paths} in {@code pool}, {@value #DEFAULT_MAX_IN_FLIGHT} files in flight.
     *
     * @param pool  the isolates that parse; it stays open
     * @param paths the files, taken one by one as the stream is consumed; may be endless
     * @return one result per file, in the order of {@code paths}; close it when done
     */
    public static Stream<Result> parse(IsolatePool pool, Iterable<Path> paths) {
        return parse(pool, paths, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * Parses {@code paths} in {@code pool}, at most {@code maxInFlight} files handed to the pool or
     * parsed and not yet taken.
     *
     * @param pool        the isolates that parse; it stays open
     * @param paths       the files, taken one by one as the stream is consumed; may be endless
     * @param maxInFlight files in flight, 1 to {@value #MAX_IN_FLIGHT}; at least twice the pool's
     *                    size keeps every isolate busy
     * @return one result per file, in the order of {@code paths}; close it when done
     * @throws IllegalArgumentException if {@code maxInFlight} is out of range
     */
    public static Stream<Result> parse(IsolatePool pool, Iterable<Path> paths, int maxInFlight) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(paths, "paths");
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("maxInFlight must be 1 to " + MAX_IN_FLIGHT + ", was " + maxInFlight);
        }
        ParseWindow window = new ParseWindow(pool, paths.iterator(), maxInFlight);
        Spliterator<Result> results = Spliterators.spliteratorUnknownSize(window,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(results, false).onClose(window::close);
    }

    /**
     * One file's outcome: its document, or the error that says why it has none.
     *
     * @param path     the file, as given
     * @param document the document (the caller closes it), or null when the file failed
     * @param error    why the file has no document, or null
     */
    public record Result(Path path, JsonDocument document, JsonFileException error) {
        static Result failed(Path path, JsonFileException error) {
            return new Result(path, null, error);
        }

        /**
         * The document; the caller closes it.
         *
         * @return the file's document
         * @throws JsonFileException if the file failed: the {@link #error()}
         */
        @Override
        public JsonDocument document() {
            if (error != null) {
                throw error;
            }
            return document;
        }

        /**
         * Whether the file gave no document.
         *
         * @return true if {@link #error()} says why
         */
        public boolean failed() {
            return error != null;
        }
    }
}
