package dev.isolates;

import java.util.OptionalInt;

/**
 * How an isolate's JVM ended.
 *
 * @param exitCode the exit code (128 + n when killed by signal n)
 * @param signal   the signal that ended it, if one did
 * @param reason   why, e.g. {@code completed}, {@code System.exit}, {@code OutOfMemoryError}, {@code SIGKILL}
 */
public record IsolateExit(int exitCode, OptionalInt signal, String reason) {
}
