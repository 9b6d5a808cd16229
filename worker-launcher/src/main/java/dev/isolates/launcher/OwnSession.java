package dev.isolates.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a worker JVM as the leader of a session of its own, through util-linux {@code setsid}, so that
 * every process started below it keeps the JVM's pid as its session id, even once orphaned: that is
 * how {@link IsolateProcessTree} finds them. Without {@code setsid} the command is as it was, and what
 * a worker's orphans do is not followed; that is said once.
 *
 * <p>{@code setsid} forks only when it is a process group leader, which a child of a
 * {@link ProcessBuilder} is not: it calls {@code setsid(2)} and execs the JVM, which stays the
 * supervisor's own child, with the same pid.
 */
public final class OwnSession {
    private static final Logger LOG = LoggerFactory.getLogger(OwnSession.class);
    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private OwnSession() {
    }

    private static final class Found {
        static final List<String> PREFIX = find().map(p -> List.of(p.toString())).orElseGet(() -> {
            LOG.warn("isolates: no setsid found (in {} or on the PATH); a child process an isolate starts and "
                    + "leaves behind is not ended with it. Install util-linux (apt-get install util-linux).",
                    WELL_KNOWN.get(0));
            return List.of();
        });
    }

    /** What goes before the JVM's command: {@code setsid}'s path, or nothing where there is none. */
    public static List<String> prefix() {
        return Found.PREFIX;
    }

    static Optional<Path> find() {
        for (Path p : WELL_KNOWN) {
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, "setsid");
                if (Files.isExecutable(p)) {
                    return Optional.of(p.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
