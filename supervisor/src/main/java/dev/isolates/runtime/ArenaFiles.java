package dev.isolates.runtime;

import dev.isolates.protocol.TransferArena;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arenas of other isolates that this JVM maps to read transferred buffers passed on to it by the
 * supervisor: a buffer sent from worker A to worker B stays in A's arena, and B maps that file.
 *
 * <p>Thread-safe.
 */
final class ArenaFiles {
    private static final Map<Path, TransferArena> OPEN = new ConcurrentHashMap<>();

    private ArenaFiles() {
    }

    static TransferArena open(Path file) {
        return OPEN.computeIfAbsent(file, f -> {
            try {
                return TransferArena.open(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map the arena " + f + " that a transferred buffer lives in: "
                        + "its isolate has ended and freed it", e);
            }
        });
    }
}
