package dev.isolates.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The folder the isolates' archives of classes live in, class-data archives and AOT caches alike,
 * and the rules they share: a file's name hashes the JDK, the flags and the jars; a JVM writes under
 * a name of its own ({@code NAME.dump-PID-N}), moved into place only once it is known to be whole;
 * one JVM of this supervisor makes a given file at a time; dumps no live JVM is making are removed.
 * Safe to call from any thread.
 */
final class ArchiveFolder {
    /** Smaller than any archive a worker's JVM writes: a file this small was cut short. */
    static final long MIN_ARCHIVE_BYTES = 64 * 1024;
    private static final String DUMP_MARK = ".dump-";

    /** Names of the files a JVM of this supervisor is making now. */
    private static final Set<String> MAKING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUMPS = new AtomicLong();
    /** Folders whose stale dumps this JVM has removed. */
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private ArchiveFolder() {
    }

    /** The folder, from {@value ClassDataArchive#DIRECTORY_PROPERTY}; empty when archives are off. */
    static Optional<Path> directory() {
        String configured = System.getProperty(ClassDataArchive.DIRECTORY_PROPERTY);
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("isolates").resolve("cds"));
    }

    /**
     * Where the archive with file name suffix {@code suffix} for these flags and this classpath goes,
     * in the folder, which is created and, on this JVM's first look, rid of stale dumps; empty when
     * archives are off, the folder cannot be made or a classpath entry is not a jar.
     */
    static Optional<Path> place(List<String> flags, String classpath, String suffix) {
        Optional<Path> dir = directory();
        if (dir.isEmpty()) {
            return dir;
        }
        try {
            Files.createDirectories(dir.get());
        } catch (IOException e) {
            return Optional.empty(); // an archive is an optimisation; a worker starts without it
        }
        if (SWEPT.add(dir.get())) {
            removeStaleDumps(dir.get());
        }
        return key(flags, classpath).map(k -> dir.get().resolve(k + suffix));
    }

    /** As {@link #place}, but only when the archive is there, and touching nothing in the folder. */
    static Optional<Path> existing(List<String> flags, String classpath, String suffix) {
        return directory().flatMap(dir -> key(flags, classpath).map(k -> dir.resolve(k + suffix)))
                .filter(Files::isRegularFile);
    }

    /**
     * As {@link #existing}, or else the archive for {@code base}, the start of {@code classpath}: a
     * JVM maps an archive made with a classpath its own extends. A sandboxed plugin's isolate, whose
     * classpath is the library's and the plugin's, so starts from the archive that trusted isolates
     * with the same flags made for the library's classpath alone.
     */
    static Optional<Path> existing(List<String> flags, String classpath, String base, String suffix) {
        Optional<Path> own = existing(flags, classpath, suffix);
        if (own.isPresent() || base == null || !classpath.startsWith(base + File.pathSeparator)) {
            return own;
        }
        return existing(flags, base, suffix);
    }

    /** The name an archive for these flags and this classpath has, or empty when an entry is not a jar. */
    static Optional<String> key(List<String> flags, String classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + '\n' + Runtime.version() + '\n' + String.join(" ", flags))
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
                    return Optional.empty();
                }
                digest.update(('\n' + p.toAbsolutePath().toString() + ' ' + Files.size(p) + ' '
                        + Files.getLastModifiedTime(p).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 12));
        } catch (IOException | NoSuchAlgorithmException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Claims the making of {@code file} for this JVM; false when one of its workers is making it already. */
    static boolean claim(Path file) {
        return MAKING.add(file.toString());
    }

    /** Gives up the claim on {@code file}, made or not. */
    static void release(Path file) {
        MAKING.remove(file.toString());
    }

    /** A fresh name, beside {@code file}, for a JVM of this supervisor to write {@code file} under. */
    static Path dumpFor(Path file) {
        return file.resolveSibling(file.getFileName() + DUMP_MARK + ProcessHandle.current().pid() + "-"
                + DUMPS.incrementAndGet());
    }

    /** True when {@code file} is there and big enough to be a whole archive. */
    static boolean plausible(Path file) {
        return plausible(file, MIN_ARCHIVE_BYTES);
    }

    /** True when {@code file} is there and holds at least {@code minBytes}. */
    static boolean plausible(Path file, long minBytes) {
        try {
            return Files.isRegularFile(file) && Files.size(file) >= minBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a finished {@code dump} to {@code file}, atomically where the file system can. */
    static void moveIntoPlace(Path dump, Path file) throws IOException {
        try {
            Files.move(dump, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(dump, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code file} if it is there; housekeeping, so a failure is left for a later sweep. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // removeStaleDumps takes it once this JVM is gone
        }
    }

    /**
     * Removes the dumps ({@code NAME.dump-PID-N}) that no live JVM is making: a supervisor or worker
     * killed while one was being written leaves it cut short (11 MB, say), and only its maker would
     * have moved or deleted it. A dump is stale when process PID is gone, or started after the dump
     * was last written (the pid was reused).
     */
    static void removeStaleDumps(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path dump : files.filter(p -> p.getFileName().toString().contains(DUMP_MARK)).toList()) {
                if (isStale(dump)) {
                    Files.deleteIfExists(dump);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // housekeeping; a later JVM tries again
        }
    }

    private static boolean isStale(Path dump) {
        String name = dump.getFileName().toString();
        String[] pidAndCount = name.substring(name.lastIndexOf(DUMP_MARK) + DUMP_MARK.length()).split("-");
        long pid;
        try {
            pid = Long.parseLong(pidAndCount[0]);
        } catch (NumberFormatException e) {
            return false; // not one of ours
        }
        Optional<ProcessHandle> maker = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (maker.isEmpty()) {
            return true;
        }
        Optional<Instant> started = maker.get().info().startInstant();
        // a second's slack: the start time is read from /proc in clock ticks
        return started.isPresent() && started.get().toEpochMilli() - 1_000 > NewestFiles.modified(dump);
    }
}
