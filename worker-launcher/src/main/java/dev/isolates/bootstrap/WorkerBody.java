package dev.isolates.bootstrap;

import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;

/**
 * What a worker JVM, or an in-process isolate's thread, does once its channel is connected. The supervisor module provides the one
 * implementation, found through {@link java.util.ServiceLoader}; this is the single seam between the
 * launcher and the API above it.
 */
public interface WorkerBody {
    /** The codec both ends use; it must match the supervisor's registrations. */
    KryoCodec codec();

    /**
     * Serves the isolate until it ends. Runs on the worker's main thread, which is the isolate's
     * event loop.
     */
    void serve(IsolateChannel channel, WorkerArguments arguments) throws Exception;

    /**
     * Serves an in-process isolate on the calling thread (see {@link WorkerThread}) until it ends,
     * and returns the exit code its JVM would have ended with; never ends the JVM.
     */
    int serveInThread(IsolateChannel channel, WorkerArguments arguments) throws Exception;
}
