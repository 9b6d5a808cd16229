package dev.isolates.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A class an untrusted isolate returns to its supervisor. Its static initializer writes the pid of
 * the JVM that initializes it to the file named by the system property
 * {@code isolates.test.payload.marker}, so a test can tell
 * which JVMs loaded it. Only {@link UntrustedIsolateTest} names it, and only as text.
 */
public final class UntrustedPayload {
    private static final String MARKER_PROPERTY = "isolates.test.payload.marker"; // set by UntrustedIsolateTest

    static {
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public String note = "crafted by an untrusted isolate";
}
