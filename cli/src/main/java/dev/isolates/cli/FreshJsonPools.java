package dev.isolates.cli;

import dev.isolates.IsolatePool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new pool per command, closed when the command ends: {@code isolatectl json} in a JVM of its own.
 * Remembers the largest pool it made, so that a daemon started as the command ends can start that
 * many json isolates for the next one. Thread-safe.
 */
final class FreshJsonPools implements JsonPools {
    private final AtomicInteger largest = new AtomicInteger();

    @Override
    public IsolatePool lease(int size, int files) {
        largest.accumulateAndGet(size, Math::max);
        return IsolatePool.builder().size(size)
                .options(JsonPools.options())
                .maxRestarts(Math.max(20, files), Duration.ofMinutes(1))
                .prefetch(true)
                .build();
    }

    @Override
    public void release(IsolatePool pool, boolean reusable) {
        pool.close();
    }

    /** The isolates of the largest pool leased so far; 0 when none was. */
    int largest() {
        return largest.get();
    }
}
