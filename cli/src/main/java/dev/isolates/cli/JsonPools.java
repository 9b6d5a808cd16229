package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;

/**
 * Where {@code isolatectl json} gets its pool of isolates: in-process a new one per command
 * ({@link FreshJsonPools}); in the daemon a warm one kept between commands. Implementations say what is
 * thread-safe.
 */
public interface JsonPools {
    /** The options of a json isolate: trusted, since it runs only the project's own parsing task. */
    static IsolateOptions options() {
        return IsolateOptions.builder().debugName("json").build();
    }

    /**
     * A pool of {@code size} isolates for a command that parses {@code files} files.
     */
    IsolatePool lease(int size, int files);

    /**
     * Gives back a pool {@link #lease} gave.
     *
     * @param reusable false when the command did not finish (cancelled, failed): its pool may still
     *                 hold its work, and is closed
     */
    void release(IsolatePool pool, boolean reusable);
}
