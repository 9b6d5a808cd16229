package dev.isolates.launcher;

import java.util.List;

/**
 * Tells the lines a worker's JVM prints to its stdout as it dies from the program's own output. The
 * JVM writes its out-of-memory exit line and its fatal-error banner to file descriptor 1 whatever
 * {@code -XX:+DisplayVMOutputToStderr} says (measured on Java 17), so they are picked out of the
 * stream there. A banner opens with a lone {@code #} line, then one of the lines below.
 */
final class JvmDeathOutput {
    /** A lone line the JVM prints before each of its {@code #} blocks. */
    static final String BLOCK_OPENER = "#";

    private static final List<String> FIRST_LINES = List.of(
            "# A fatal error has been detected by the Java Runtime Environment",
            "# There is insufficient memory for the Java Runtime Environment to continue",
            "# java.lang.OutOfMemoryError: ", // -XX:OnOutOfMemoryError's block
            "Terminating due to java.lang.OutOfMemoryError: ", // -XX:+ExitOnOutOfMemoryError
            "Aborting due to java.lang.OutOfMemoryError: "); // -XX:+CrashOnOutOfMemoryError

    private JvmDeathOutput() {
    }

    /** True when {@code line} is the first the JVM prints as it dies (after a {@link #BLOCK_OPENER}, for a block). */
    static boolean startsDeath(String line) {
        for (String first : FIRST_LINES) {
            if (line.startsWith(first)) {
                return true;
            }
        }
        return false;
    }

    /** True while {@code partial}, a line not yet ended, may still become the first line of the JVM's death. */
    static boolean mayStartDeath(String partial) {
        for (String first : FIRST_LINES) {
            if (first.startsWith(partial) || partial.startsWith(first)) {
                return true;
            }
        }
        return BLOCK_OPENER.equals(partial);
    }
}
