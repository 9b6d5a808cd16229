package dev.isolates.worker;

/**
 * Unwinds an in-process isolate's thread once the isolate has ended, carrying its exit code. An
 * {@link Error} so that the isolate's code, which catches {@code Exception}, lets it pass; the
 * worker's own catch-alls pass it on. No stack trace: it is a way out, not a failure.
 */
final class IsolateThreadEnd extends Error {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    IsolateThreadEnd(int exitCode) {
        super("the isolate ended with code " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    /** The isolate's exit code, as its JVM's would be. */
    int exitCode() {
        return exitCode;
    }
}
