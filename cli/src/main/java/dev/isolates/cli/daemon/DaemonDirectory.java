package dev.isolates.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The folder of this user's daemons (mode 0700) and the files of the one for a build key: its
 * socket, log, output and lock, and the compiler directives its daemons share. Immutable.
 *
 * @param folder where the files are
 * @param key    names the build and JDK ({@link BuildKey})
 */
record DaemonDirectory(Path folder, String key) {
    /** Names a folder of its own for the daemon (tests use one each). */
    static final String FOLDER_VARIABLE = "ISOLATECTL_DAEMON_DIR";
    /** sun_path holds 108 bytes with its terminating zero. */
    private static final int MAX_SOCKET_PATH = 107;

    /**
     * The folder {@code environment} points to: {@value #FOLDER_VARIABLE} when set, else
     * {@code $XDG_RUNTIME_DIR/isolatectl}, else {@code isolatectl} in the user's cache folder.
     */
    static DaemonDirectory locate(Map<String, String> environment, String key) {
        String own = environment.get(FOLDER_VARIABLE);
        if (own != null && !own.isEmpty()) {
            return new DaemonDirectory(Path.of(own).toAbsolutePath(), key);
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            return new DaemonDirectory(Path.of(runtime, "isolatectl"), key);
        }
        String cache = environment.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new DaemonDirectory(base.resolve("isolatectl"), key);
    }

    Path socket() {
        return folder.resolve(key + ".sock");
    }

    Path log() {
        return folder.resolve(key + ".log");
    }

    /** What the daemon's JVM itself prints (a crash report, say): its stdout and stderr. */
    Path output() {
        return folder.resolve(key + ".out");
    }

    /** Held by the daemon that serves the socket, for as long as it lives. */
    Path lock() {
        return folder.resolve(key + ".lock");
    }

    /**
     * Creates the folder, mode 0700, or checks the one there: it must be this user's, and is made
     * 0700 if it is not.
     *
     * @throws IOException with what to do, if it cannot be made or is another user's
     */
    void create() throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (socket().toString().length() > MAX_SOCKET_PATH) {
            throw new IOException("the daemon's socket path " + socket() + " is longer than the " + MAX_SOCKET_PATH
                    + " bytes a Unix socket allows: point " + FOLDER_VARIABLE + " at a shorter folder");
        }
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(ownerOnly));
        String owner = Files.getOwner(folder).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new IOException("the daemon's folder " + folder + " belongs to " + owner + ", not to " + me
                    + ": point " + FOLDER_VARIABLE + " at a folder of your own");
        }
        if (!Files.getPosixFilePermissions(folder).equals(ownerOnly)) {
            Files.setPosixFilePermissions(folder, ownerOnly);
        }
    }

    /** The JIT compiler directives the daemons of this folder start with ({@link CompilerDirectives}). */
    Path compilerDirectives() {
        return folder.resolve("compiler-directives.json");
    }

    /** Whether the socket file is there (a daemon may or may not be behind it). */
    boolean socketExists() {
        return new File(socket().toString()).exists();
    }
}
