package dev.isolates.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one worker's launch does about the archive of its classes (a class-data archive, or an AOT
 * cache on JDK 24 and later): the JVM flags that map or make it, the file a sandbox must let the
 * JVM read, and what becomes of what the JVM wrote once it has exited. Implementations are
 * immutable and safe to use from any thread; {@link #afterExit(int)} is called once per launch.
 */
public interface ArchivePlan {
    /** The plan of a worker that neither maps nor makes an archive. */
    static ArchivePlan none() {
        return NoArchive.INSTANCE;
    }

    /** The flags to add to the worker's JVM flags. */
    List<String> flags();

    /** The archive the worker maps, or null when it maps none. */
    Path archive();

    /** Keeps what the JVM wrote after a clean exit ({@code exitCode} 0), else drops it. */
    void afterExit(int exitCode);

    /**
     * Where the worker's stderr lines go: {@code sink}, less any line the JVM prints there about
     * the archive it writes, which is no one's business but the launcher's.
     */
    default Consumer<String> stderrTo(Consumer<String> sink) {
        return sink;
    }

    /** The plan of no archive. */
    enum NoArchive implements ArchivePlan {
        INSTANCE;

        @Override
        public List<String> flags() {
            return List.of();
        }

        @Override
        public Path archive() {
            return null;
        }

        @Override
        public void afterExit(int exitCode) {
        }
    }
}
