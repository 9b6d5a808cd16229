package dev.isolates.bootstrap;

import dev.isolates.protocol.DoorbellSocket;
import dev.isolates.protocol.ExitReason;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.Side;
import dev.isolates.protocol.WaitStrategy;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.ServiceLoader;
import net.openhft.posix.PosixAPI;

/**
 * The main class of every worker JVM: read the {@link WorkerHandover} from stdin (its one program
 * argument, the isolate's name, is there only for the process list), watch the supervisor, open the channel, connect the doorbell
 * (which tells the supervisor the isolate is up), then hand over to the {@link WorkerBody}.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        // Chronicle loads its native POSIX binding eagerly (jnr-ffi writes machine code: about 70 ms of
        // every start) though a queue needs it only for msync, which shared memory does not. Must run
        // before any Chronicle class initialises.
        PosixAPI.useNoOpPosixApi();
        WorkerHandover handover;
        try {
            handover = WorkerHandover.readFrom(System.in);
        } catch (IOException | RuntimeException e) {
            System.err.println(ExitReason.BOOTSTRAP_FAILED.stderrMark() + e.getMessage());
            System.exit(ExitReason.BOOTSTRAP_FAILED.code());
            return;
        }
        WorkerArguments arguments = handover.arguments();
        ParentWatch.start(arguments.supervisorPid());
        WorkerBody body = loadBody();
        IsolateChannel channel;
        try {
            channel = connect(handover, body);
        } catch (Exception e) {
            System.err.println(ExitReason.BOOTSTRAP_FAILED.stderrMark() + "isolate " + arguments.debugName()
                    + " could not connect its channel in " + arguments.isolateDir() + ": " + e);
            e.printStackTrace();
            Runtime.getRuntime().halt(ExitReason.BOOTSTRAP_FAILED.code());
            return;
        }
        try {
            body.serve(channel, arguments);
        } catch (Throwable t) {
            System.err.println(ExitReason.BOOTSTRAP_FAILED.stderrMark() + "isolate " + arguments.debugName() + ": " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(ExitReason.BOOTSTRAP_FAILED.code());
        }
    }

    /** Opens the worker's end of the channel {@code handover} names and connects its doorbell. */
    static IsolateChannel connect(WorkerHandover handover, WorkerBody body) throws IOException {
        WorkerArguments arguments = handover.arguments();
        IsolatePaths paths = IsolatePaths.of(arguments.isolateDir());
        SocketChannel bell = DoorbellSocket.connect(paths.doorbell());
        return IsolateChannel.open(Side.WORKER, paths, bell, arguments.supervisorArena(),
                arguments.workerArena(), handover.key(), body.codec(), WaitStrategy.backoff());
    }

    private static WorkerBody loadBody() {
        try {
            return findBody();
        } catch (IllegalStateException e) {
            System.err.println(ExitReason.BOOTSTRAP_FAILED.stderrMark() + e.getMessage());
            Runtime.getRuntime().halt(ExitReason.BOOTSTRAP_FAILED.code());
            throw e;
        }
    }

    /**
     * A new {@link WorkerBody}, with a codec of its own.
     *
     * @throws IllegalStateException if there is none on the classpath
     */
    static WorkerBody findBody() {
        Iterator<WorkerBody> bodies = ServiceLoader.load(WorkerBody.class, WorkerBody.class.getClassLoader()).iterator();
        if (!bodies.hasNext()) {
            throw new IllegalStateException("no " + WorkerBody.class.getName()
                    + " on the classpath; the isolates-supervisor jar must be on it");
        }
        return bodies.next();
    }
}
