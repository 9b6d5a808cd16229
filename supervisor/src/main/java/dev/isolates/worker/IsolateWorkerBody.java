package dev.isolates.worker;

import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.bootstrap.WorkerBody;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.runtime.SupervisorCodec;

/**
 * The worker's side, found by {@link dev.isolates.bootstrap.WorkerMain} through
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
