package dev.isolates.it;

import dev.isolates.protocol.TransferArena;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The transfer arenas of this JVM's session directory, read through their files: which payloads
 * isolates handed to a reader that has not released them. A document read in place holds one such
 * slot, of its tape's length, until it is closed or collected.
 */
final class SessionArenas {
    private SessionArenas() {
    }

    /** The lengths of every payload handed over and not released, in every arena of this JVM's session. */
    static List<Long> sentLengths() throws IOException {
        List<Long> lengths = new ArrayList<>();
        for (Path arena : arenas()) {
            try {
                lengths.addAll(TransferArena.sentLengths(arena));
            } catch (NoSuchFileException e) {
                // an arena deleted while this looked: it holds nothing
            }
        }
        return lengths;
    }

    /** How many handed-over payloads of {@code length} bytes are not released. */
    static long held(long length) throws IOException {
        return Collections.frequency(sentLengths(), length);
    }

    /**
     * Waits until at most {@code count} payloads of {@code length} are held, collecting garbage
     * while it waits if {@code collect}; the count seen last.
     */
    static long awaitHeldAtMost(long length, long count, Duration limit, boolean collect) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long held = held(length);
        while (held > count && System.nanoTime() < deadline) {
            if (collect) {
                System.gc();
            }
            Thread.sleep(50);
            held = held(length);
        }
        return held;
    }

    private static List<Path> arenas() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path session : sessions()) {
            try (Stream<Path> files = Files.list(session)) {
                files.filter(f -> f.getFileName().toString().startsWith("arena-")).forEach(found::add);
            }
        }
        return found;
    }

    /** Every file in this JVM's session directories: queues, arenas, wake flags, sockets. */
    static List<Path> sessionFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path session : sessions()) {
            try (Stream<Path> files = Files.walk(session)) {
                files.filter(f -> !Files.isDirectory(f)).forEach(found::add);
            }
        }
        return found;
    }

    private static List<Path> sessions() throws IOException {
        String prefix = "isolates-" + ProcessHandle.current().pid() + "-";
        List<Path> found = new ArrayList<>();
        for (Path base : bases()) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> sessions = Files.list(base)) {
                sessions.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(found::add);
            }
        }
        return found;
    }

    private static List<Path> bases() {
        String configured = System.getProperty("isolates.session.base");
        if (configured != null && !configured.isBlank()) {
            return List.of(Path.of(configured));
        }
        return List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")));
    }
}
