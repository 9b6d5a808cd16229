package dev.isolates.worker;

import dev.isolates.IsolateCallable;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;
import dev.isolates.runtime.SendFailures;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs the computations a worker is sent ({@code Isolates.run}, a pool's tasks) and answers each
 * with its RESULT, FAILURE or UNSENDABLE. A computation whose answer cannot be written for want of
 * room, not even as a failure, ends the isolate: that is the answer its caller can get.
 *
 * <p>Called from the event loop thread only.
 */
final class Computations {
    private final IsolateChannel channel;
    private final WorkerExit exit;

    Computations(IsolateChannel channel, WorkerExit exit) {
        this.channel = channel;
        this.exit = exit;
    }

    /** Runs {@code computation} and sends its answer under {@code correlation}. */
    void run(long correlation, IsolateCallable<?> computation) {
        Object result;
        try {
            try {
                result = computation.call();
            } catch (IsolateThreadEnd e) {
                throw e; // the computation ended its in-process isolate (Isolates.exit)
            } catch (VirtualMachineError e) {
                exit.fatal(e);
                return;
            } catch (Throwable t) {
                exit.endIfKilled(); // in-process, a kill interrupts the computation: its failure is the kill's
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(t));
                return;
            }
            try {
                channel.send(MessageKind.RESULT, correlation, result);
            } catch (UnsendableObjectException e) {
                channel.send(MessageKind.UNSENDABLE, correlation, UnsendableReport.of("result", e));
            } catch (InsufficientSpaceException e) {
                // The result did not fit: the call fails, the isolate goes on.
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(SendFailures.diskFull("the result", e)));
            } catch (IOException e) {
                channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(e));
            }
        } catch (InsufficientSpaceException e) {
            exit.diskFull(e); // the caller waits for an answer: ending the isolate is the answer it can get
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the computation {@code correlation} names, which could not be read, with {@code failure}. */
    void answerFailure(long correlation, Throwable failure) {
        try {
            channel.send(MessageKind.FAILURE, correlation, RemoteFailure.of(failure));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
