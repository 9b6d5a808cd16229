package dev.isolates.protocol;

import java.util.Locale;

/** Formats byte counts for people. */
final class MiB {
    private MiB() {
    }

    static String format(long bytes) {
        if (bytes < 1024 * 1024) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
