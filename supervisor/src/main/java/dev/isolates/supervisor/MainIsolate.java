package dev.isolates.supervisor;

import dev.isolates.runtime.IsolateRuntime;

/**
 * The seam through which the runtime both JVMs share reaches the main isolate: in a JVM that is not
 * a worker, {@link IsolateRuntime#current()} is the main isolate's runtime, which lives here on the
 * supervisor side.
 */
public final class MainIsolate {
    private MainIsolate() {
    }

    /** The main isolate's runtime, created with this JVM's session on first use. */
    public static IsolateRuntime runtime() {
        return MainRuntime.get();
    }
}
