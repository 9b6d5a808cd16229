package dev.isolates.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Keeps only the newest few of a kind of file in a folder, for files that would otherwise pile up. */
final class NewestFiles {
    private NewestFiles() {
    }

    /**
     * Removes all but the {@code keep} most recently modified files in {@code dir} whose name
     * {@code kind} accepts. Housekeeping: a failure leaves them for a later call.
     */
    static void keep(Path dir, Predicate<String> kind, int keep) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(p -> kind.test(p.getFileName().toString()))
                    .sorted(Comparator.comparing(NewestFiles::modified).reversed())
                    .toList();
            for (Path old : matching.subList(Math.min(keep, matching.size()), matching.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | UncheckedIOException e) {
            // a later call tries again
        }
    }

    /** When {@code p} was last modified, in epoch milliseconds; 0 when that cannot be read. */
    static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
