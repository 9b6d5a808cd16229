package dev.isolates.supervisor;

import dev.isolates.protocol.Inbound;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.PeerGoneException;
import dev.isolates.protocol.UnreadableMessageException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads what one isolate sends, until its JVM is gone: each message goes to the
 * dispatch it was given; once the channel is closed or the JVM has died (and what it left in the
 * queue is read), it runs the end. Reading that fails in any way ends the isolate.
 *
 * <p>{@link #start} is called once; {@link #decode} is safe from any thread; the rest runs on the
 * reader thread.
 */
final class IsolateReader {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateReader.class);
    /**
     * The reader thread's stack: decoding recurses once per level of nesting, so it must hold
     * {@link KryoCodec#MAX_DEPTH} levels of any serializer whatever this JVM's {@code -Xss}.
     */
    static final long READER_STACK_BYTES = 16L * 1024 * 1024;

    private final String debugName;
    private final IsolateChannel channel;
    private final IsolateHost jvm;
    private final Consumer<Inbound> dispatch;
    private final Consumer<Throwable> readingFailed;
    private final Runnable end;

    /**
     * @param dispatch      takes each message, on the reader thread
     * @param readingFailed ends the isolate whose messages can no longer be read
     * @param end           runs once, last, when there is nothing more to read
     */
    IsolateReader(String debugName, IsolateChannel channel, IsolateHost jvm, Consumer<Inbound> dispatch,
                  Consumer<Throwable> readingFailed, Runnable end) {
        this.debugName = debugName;
        this.channel = channel;
        this.jvm = jvm;
        this.dispatch = dispatch;
        this.readingFailed = readingFailed;
        this.end = end;
    }

    void start() {
        Thread reader = new Thread(null, this::read, "isolate-reader-" + debugName, READER_STACK_BYTES);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Decodes a message's body and frees its arena slot. A body that could not be read because
     * decoding met an {@link Error} also ends the isolate: its pending work fails, a pool replaces it.
     *
     * @throws UnreadableMessageException if the body was refused or could not be read
     */
    Object decode(Inbound message) {
        try {
            return channel.decode(message);
        } catch (UnreadableMessageException e) {
            if (e.endsIsolate()) {
                readingFailed.accept(e);
            }
            throw e;
        }
    }

    private void read() {
        try {
            while (true) {
                Thread.interrupted(); // a listener may leave this thread interrupted: parking must still park
                Inbound m;
                try {
                    m = channel.receive(1, TimeUnit.SECONDS);
                } catch (PeerGoneException gone) {
                    break;
                }
                if (m == null) {
                    if (!jvm.isAlive()) {
                        drain();
                        break;
                    }
                    // the JVM may owe this thread the fault of a read that found nothing
                    channel.requireWholeInbound();
                    continue;
                }
                dispatch.accept(m);
            }
        } catch (Throwable t) {
            // Whatever it is (an Error decoding a body, a fault reading mapped memory), the messages
            // after it would be lost: end the isolate, so its pending work fails and a pool replaces it.
            LOG.warn("reading from isolate {} (pid {}) failed; ending it", debugName, jvm.pid(), t);
            readingFailed.accept(t);
        }
        end.run();
    }

    private void drain() throws IOException {
        Inbound m;
        while ((m = channel.poll()) != null) {
            dispatch.accept(m);
        }
    }
}
