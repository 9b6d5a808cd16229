package dev.isolates.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private directory of one supervisor: mode 0700, under {@code /dev/shm} when it has room, else
 * under {@code java.io.tmpdir}. It holds one folder per isolate (its queues and doorbell) and the
 * transfer arenas. Removed on {@link #close()}; directories whose owner process is gone are removed
 * by the next supervisor that creates its own.
 *
 * <p>The directory's name carries its owner's pid and start ({@code isolates-PID-START-RANDOM}, the
 * start as {@link ProcessStart} writes it: clock ticks after boot on Linux, which no step of the wall
 * clock moves), so it is marked from the moment it exists, mode 0700 from the same system call: a
 * supervisor killed at any point of its start leaves a directory the next one can judge. Each also
 * holds an {@code owner} file with the same facts, which directories named {@code isolates-PID-RANDOM}
 * need; one of those without it is judged by the pid alone.
 *
 * <p>Thread-safe.
 */
public final class SessionDirectory implements AutoCloseable {
    /** System property naming the folder that session directories are made in. */
    public static final String BASE_PROPERTY = "isolates.session.base";
    static final String PREFIX = "isolates-";
    static final String OWNER_FILE = "owner";
    /** /dev/shm is used only when it has at least this much free. */
    static final long SHM_MIN_FREE = 512L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SessionDirectory.class);

    private final Path path;
    private final AtomicInteger nextIsolate = new AtomicInteger();
    private final AtomicInteger nextArena = new AtomicInteger();

    private SessionDirectory(Path path) {
        this.path = path;
    }

    /** Picks the base folder, removes directories of dead sessions there, and makes a new one. */
    public static SessionDirectory create() throws IOException {
        Path base = chooseBase();
        Files.createDirectories(base);
        removeAbandoned(base);
        long pid = ProcessHandle.current().pid();
        String started = ProcessStart.self().text();
        Path dir = Files.createTempDirectory(base, PREFIX + pid + "-" + started + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve(OWNER_FILE), pid + " " + started + "\n");
        LOG.debug("session directory {}", dir);
        return new SessionDirectory(dir);
    }

    static Path chooseBase() {
        String configured = System.getProperty(BASE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() >= SHM_MIN_FREE) {
                return shm;
            }
        } catch (IOException e) {
            LOG.debug("/dev/shm unusable, using java.io.tmpdir", e);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Removes the session directories under {@code base} whose owner process has exited. */
    static int removeAbandoned(Path base) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && isAbandoned(dir)) {
                    try {
                        deleteTree(dir);
                        removed++;
                        LOG.debug("removed abandoned session directory {}", dir);
                    } catch (IOException e) {
                        LOG.warn("could not remove abandoned session directory {}: {}", dir, e.toString());
                    }
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            LOG.debug("cannot list {}", base, e);
        }
        return removed;
    }

    private static boolean isAbandoned(Path dir) {
        if (!Files.isWritable(dir)) {
            return false; // another user's
        }
        Optional<Owner> owner = ownerFromFile(dir).or(() -> ownerFromName(dir.getFileName().toString()));
        if (owner.isEmpty()) {
            return false; // not ours
        }
        long pid = owner.get().pid();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        return owner.get().started().isOtherThan(pid); // the pid was given to a later process
    }

    /** The process that made a session directory. */
    record Owner(long pid, ProcessStart started) {
    }

    /** The owner in the owner file, if there is one. */
    private static Optional<Owner> ownerFromFile(Path dir) {
        try {
            String[] parts = Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.US_ASCII).trim().split(" ");
            return Optional.of(new Owner(Long.parseLong(parts[0]), parts.length > 1 ? ProcessStart.parse(parts[1])
                    : new ProcessStart(0, false)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // not written yet, as when its maker was killed first
        }
    }

    /** The owner (its start unknown when the name has none) in a name {@code isolates-PID-[START-]RANDOM}. */
    static Optional<Owner> ownerFromName(String name) {
        String[] parts = name.substring(PREFIX.length()).split("-");
        try {
            long pid = Long.parseLong(parts[0]);
            ProcessStart started = parts.length >= 3 ? ProcessStart.parse(parts[1]) : new ProcessStart(0, false);
            return parts.length >= 2 ? Optional.of(new Owner(pid, started)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The directory itself. */
    public Path path() {
        return path;
    }

    /** Makes the folder of a new isolate, mode 0700, and names its files. */
    public IsolatePaths newIsolate() throws IOException {
        Path root = path.resolve("w" + nextIsolate.incrementAndGet());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return IsolatePaths.of(root);
    }

    /** Names a new transfer arena file in this directory. */
    public Path newArenaFile() {
        return path.resolve("arena-" + nextArena.incrementAndGet());
    }

    /** Removes the directory and everything in it. */
    @Override
    public void close() {
        try {
            deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove session directory " + path, e);
        }
    }

    /** Deletes a folder and all it holds; a missing folder is not an error. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
