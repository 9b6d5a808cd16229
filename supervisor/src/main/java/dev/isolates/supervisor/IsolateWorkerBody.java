package dev.isolates.supervisor;

import dev.isolates.IsolateCallable;
import dev.isolates.launcher.WorkerArguments;
import dev.isolates.launcher.WorkerBody;
import dev.isolates.launcher.WorkerExitCodes;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.PeerGoneException;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

/**
 * The worker's side: the isolate's event loop, one message at a time on the worker's main thread.
 * Found by {@link dev.isolates.launcher.WorkerMain} through {@link java.util.ServiceLoader}.
 */
public final class IsolateWorkerBody implements WorkerBody {
    private final KryoCodec codec = SupervisorCodec.create();
    private volatile boolean orderly;

    /** Made by {@link java.util.ServiceLoader}. */
    public IsolateWorkerBody() {
    }

    @Override
    public KryoCodec codec() {
        return codec;
    }

    @Override
    public void serve(IsolateChannel channel, WorkerArguments arguments) throws IOException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!orderly) {
                sendQuietly(channel, MessageKind.EXITING, new ExitNotice("System.exit", ""));
            }
        }, "isolate-exit-notice"));
        while (true) {
            Inbound m;
            try {
                m = channel.receive(1, TimeUnit.DAYS);
            } catch (PeerGoneException e) {
                orderly = true;
                Runtime.getRuntime().halt(WorkerExitCodes.SUPERVISOR_GONE);
                return;
            }
            if (m == null) {
                continue;
            }
            switch (m.kind()) {
                case RUN -> run(channel, m);
                case PING -> {
                    channel.release(m);
                    channel.send(MessageKind.PONG, m.correlation(), null);
                }
                case ECHO -> channel.send(MessageKind.ECHO, m.correlation(), channel.decode(m));
                case SHUTDOWN -> {
                    orderly = true;
                    channel.release(m);
                    System.exit(0);
                }
                default -> channel.release(m);
            }
        }
    }

    private void run(IsolateChannel channel, Inbound m) throws IOException {
        Object result;
        try {
            IsolateCallable<?> computation = (IsolateCallable<?>) channel.decode(m);
            result = computation.call();
        } catch (VirtualMachineError e) {
            fatal(channel, e);
            return;
        } catch (Throwable t) {
            channel.send(MessageKind.FAILURE, m.correlation(), RemoteFailure.of(t));
            return;
        }
        try {
            channel.send(MessageKind.RESULT, m.correlation(), result);
        } catch (UnsendableObjectException e) {
            channel.send(MessageKind.UNSENDABLE, m.correlation(), UnsendableReport.of("result", e));
        }
    }

    /** A VirtualMachineError leaves the JVM in doubt: report it, then end the isolate. */
    private void fatal(IsolateChannel channel, VirtualMachineError e) {
        orderly = true;
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        System.err.println("isolate: " + e);
        sendQuietly(channel, MessageKind.EXITING, new ExitNotice(e.getClass().getSimpleName(), stack.toString()));
        Runtime.getRuntime().halt(WorkerExitCodes.FATAL_ERROR);
    }

    private static void sendQuietly(IsolateChannel channel, MessageKind kind, Object body) {
        try {
            channel.send(kind, 0, body);
        } catch (IOException | RuntimeException e) {
            System.err.println("isolate: could not tell the supervisor why it ends: " + e);
        }
    }
}
