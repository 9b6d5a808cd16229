package dev.isolates.supervisor;

import dev.isolates.launcher.WorkerArguments;
import dev.isolates.launcher.WorkerBody;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;

/**
 * The worker's side, found by {@link dev.isolates.launcher.WorkerMain} through
 * {@link java.util.ServiceLoader}: makes this JVM a spawned isolate and runs its event loop on the
 * main thread.
 */
public final class IsolateWorkerBody implements WorkerBody {
    private final KryoCodec codec = SupervisorCodec.create();

    /** Made by {@link java.util.ServiceLoader}. */
    public IsolateWorkerBody() {
    }

    @Override
    public KryoCodec codec() {
        return codec;
    }

    @Override
    public void serve(IsolateChannel channel, WorkerArguments arguments) {
        WorkerRuntime runtime = new WorkerRuntime(channel, arguments, codec);
        IsolateRuntime.installWorker(runtime);
        runtime.serve();
    }
}
