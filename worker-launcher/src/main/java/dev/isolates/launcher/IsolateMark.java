package dev.isolates.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The environment entry {@code ISOLATES_ISOLATE=<supervisor pid>-<64 random bits in hex>} that one
 * isolate's JVM is started with. Every process it starts inherits it, and keeps it once orphaned,
 * unless it is started with an environment of its own making: that is how {@link IsolateProcessTree}
 * finds what an isolate left behind, in {@code /proc/<pid>/environ}. The worker stays in its
 * supervisor's session and process group (a session of its own would put it in a scheduling group of
 * its own where Linux's autogroup is on, and slow every round trip).
 *
 * @param value the variable's value, unique to one isolate's JVM
 */
public record IsolateMark(String value) {
    /** The variable's name; a launcher that narrows a worker's environment keeps this one. */
    public static final String VARIABLE = "ISOLATES_ISOLATE";

    private static final Path PROC = Path.of("/proc");

    /** A mark no other isolate has, for a JVM about to start. */
    public static IsolateMark fresh() {
        return new IsolateMark(ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** The mark this JVM was started with, if it is an isolate's JVM and its launcher kept it. */
    public static Optional<IsolateMark> ofThisJvm() {
        return Optional.ofNullable(System.getenv(VARIABLE)).filter(v -> !v.isEmpty()).map(IsolateMark::new);
    }

    /** Puts the mark into {@code environment}, a process builder's, replacing one the caller put there. */
    public void addTo(Map<String, String> environment) {
        environment.put(VARIABLE, value);
    }

    /**
     * True if {@code pid}'s environment, as it was started, holds this mark. False for a process that
     * is gone or a zombie (an empty environment), and for one whose environment this user cannot
     * read: another user's.
     */
    public boolean isOn(long pid) {
        try {
            return isIn(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ")));
        } catch (IOException | RuntimeException e) {
            return false; // gone between the listing and the read (ENOENT, ESRCH), or not ours (EACCES)
        }
    }

    /** True if {@code environ}, {@code NAME=VALUE} entries each ended by a NUL, holds this mark's entry exactly. */
    boolean isIn(byte[] environ) {
        byte[] entry = (VARIABLE + "=" + value).getBytes(StandardCharsets.UTF_8);
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (end - start == entry.length && Arrays.equals(environ, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
