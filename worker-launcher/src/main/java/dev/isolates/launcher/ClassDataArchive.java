package dev.isolates.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An AppCDS archive of the classes a worker loads, so later workers start faster (DESIGN.md:
 * 588 ms to first reply without, 311 ms with). The first worker for a classpath dumps the archive
 * when it exits ({@code -XX:ArchiveClassesAtExit}) under a name of its own; once it has exited
 * cleanly the file is moved into place, and later workers map it ({@code -XX:SharedArchiveFile}).
 *
 * <p>CDS needs jars: a classpath with a folder on it (as in a build's tests) gets no archive. The
 * archive's name hashes the JDK, the JVM flags and each jar's path, size and time, so a rebuilt jar
 * gets a new archive instead of a mismatch. Safe to call from any thread.
 */
public final class ClassDataArchive {
    /** System property naming the folder archives go in; {@code none} turns archives off. */
    public static final String DIRECTORY_PROPERTY = "isolates.cds.dir";
    /** Quiets the JVM's own CDS warnings, which would go to stdout, where the user's output is. */
    static final String QUIET = "-Xlog:cds*=off,class+path=off";
    private static final long MIN_ARCHIVE_BYTES = 64 * 1024;
    /** Archives kept in the folder; older ones are removed when a new one is made. */
    static final int KEEP = 4;

    private static final Set<String> DUMPING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUMPS = new AtomicLong();
    /** Folders whose stale dumps this JVM has removed. */
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static final String DUMP_MARK = ".jsa.dump-";

    private ClassDataArchive() {
    }

    /** What a launch does about the archive: its JVM flags, and the dump to keep once the JVM exits. */
    public record Plan(List<String> flags, String key, Path dump, Path archive) {
        static final Plan NONE = new Plan(List.of(), null, null, null);

        /** Moves a finished dump into place; drops one from a JVM that did not exit cleanly. */
        public void afterExit(int exitCode) {
            if (dump == null) {
                return;
            }
            try {
                if (exitCode == 0 && Files.isRegularFile(dump) && Files.size(dump) >= MIN_ARCHIVE_BYTES) {
                    try {
                        Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(dump, archive, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    Files.deleteIfExists(dump);
                }
            } catch (IOException e) {
                // an archive is an optimisation: without it, the next worker dumps again
            } finally {
                DUMPING.remove(key);
            }
        }
    }

    /**
     * The plan for a sandboxed worker: the archive if there is one, never a dump, since what a sandboxed
     * isolate wrote must not become the classes other isolates load.
     */
    public static Plan planReadOnly(List<String> flags, String classpath) {
        Optional<Path> dir = directory();
        Optional<String> key = dir.isPresent() ? key(flags, classpath) : Optional.empty();
        if (key.isEmpty()) {
            return Plan.NONE;
        }
        Path archive = dir.get().resolve(key.get() + ".jsa");
        return Files.isRegularFile(archive)
                ? new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), key.get(), null, archive)
                : Plan.NONE;
    }

    /** The plan for a worker started with {@code flags} and {@code classpath}. */
    public static Plan plan(List<String> flags, String classpath) {
        Optional<Path> dir = directory();
        dir.filter(SWEPT::add).ifPresent(ClassDataArchive::removeStaleDumps);
        Optional<String> key = dir.isPresent() ? key(flags, classpath) : Optional.empty();
        if (key.isEmpty()) {
            return Plan.NONE;
        }
        try {
            Files.createDirectories(dir.get());
            Path archive = dir.get().resolve(key.get() + ".jsa");
            if (Files.isRegularFile(archive)) {
                return new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), key.get(), null, archive);
            }
            if (!DUMPING.add(key.get())) {
                return Plan.NONE; // another worker of this JVM is making it
            }
            pruneOldArchives(dir.get());
            Path dump = dir.get().resolve(key.get() + ".jsa.dump-" + ProcessHandle.current().pid() + "-"
                    + DUMPS.incrementAndGet());
            return new Plan(List.of("-XX:ArchiveClassesAtExit=" + dump, QUIET), key.get(), dump, archive);
        } catch (IOException e) {
            return Plan.NONE; // an archive is an optimisation; a worker starts without it
        }
    }

    /**
     * Removes the dumps ({@code KEY.jsa.dump-PID-N}) that no live JVM is making: a supervisor or worker
     * killed while one was being written leaves it cut short (11 MB, say), and only its maker would
     * have moved or deleted it. A dump is stale when process PID is gone, or started after the dump
     * was last written (the pid was reused).
     */
    static void removeStaleDumps(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path dump : files.filter(p -> p.getFileName().toString().contains(DUMP_MARK)).toList()) {
                if (isStale(dump)) {
                    Files.deleteIfExists(dump);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // housekeeping; a later JVM tries again
        }
    }

    private static boolean isStale(Path dump) {
        String name = dump.getFileName().toString();
        String[] pidAndCount = name.substring(name.indexOf(DUMP_MARK) + DUMP_MARK.length()).split("-");
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
        Optional<java.time.Instant> started = maker.get().info().startInstant();
        // a second's slack: the start time is read from /proc in clock ticks
        return started.isPresent() && started.get().toEpochMilli() - 1_000 > NewestFiles.modified(dump);
    }

    /**
     * Keeps the {@value #KEEP} newest archives: every rebuild of the jars makes a new one (15 to 20
     * MiB), and the old ones would pile up.
     */
    static void pruneOldArchives(Path dir) {
        NewestFiles.keep(dir, name -> name.endsWith(".jsa"), KEEP);
    }

    static Optional<Path> directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
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

    /** The archive's name for these flags and this classpath, or empty when an entry is not a jar. */
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
        } catch (IOException | NoSuchAlgorithmException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
