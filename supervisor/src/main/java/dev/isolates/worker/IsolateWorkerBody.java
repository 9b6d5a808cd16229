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
 * main thread; or, in-process, makes the calling thread one and runs the loop there.
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
        WorkerRuntime runtime = new WorkerRuntime(channel, arguments, codec, new JvmEnding());
        IsolateRuntime.installWorker(runtime);
        runtime.serve();
    }

    @Override
    public int serveInThread(IsolateChannel channel, WorkerArguments arguments) {
        WorkerRuntime runtime = new WorkerRuntime(channel, arguments, codec, new ThreadEnding(Thread.currentThread()));
        IsolateRuntime.installOnThread(runtime);
        try {
            runtime.serve();
            throw new IllegalStateException("the event loop of isolate " + arguments.debugName() + " returned");
        } catch (IsolateThreadEnd end) {
            return end.exitCode();
        } finally {
            IsolateRuntime.uninstallFromThread();
        }
    }
}
