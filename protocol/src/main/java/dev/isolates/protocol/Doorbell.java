package dev.isolates.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a parked reader in the other process: one byte over a Unix domain socket. The same socket
 * tells each side when the other process is gone, since the kernel closes it at exit.
 *
 * <p>{@link #ring()} is safe from any thread; {@link #await(long)} is called only by the reader thread.
 */
final class Doorbell implements AutoCloseable {
    /** What {@link #await(long)} saw. */
    enum Wake { RUNG, TIMED_OUT, PEER_GONE }

    private static final ByteBuffer ONE_BYTE = ByteBuffer.allocateDirect(1);

    private final SocketChannel socket;
    private final Selector selector;
    private final ByteBuffer drain = ByteBuffer.allocateDirect(64);
    private volatile boolean peerGone;

    Doorbell(SocketChannel socket) throws IOException {
        this.socket = socket;
        socket.configureBlocking(false);
        this.selector = Selector.open();
        socket.register(selector, SelectionKey.OP_READ);
    }

    /** Rings once. A full socket buffer means a wake is already pending, so a short write is fine. */
    void ring() {
        try {
            socket.write(ONE_BYTE.duplicate());
        } catch (IOException e) {
            peerGone = true; // the reader side sees the closed socket itself
        }
    }

    /** Waits until rung, the peer closes its end, or {@code nanos} pass. */
    Wake await(long nanos) throws IOException {
        if (peerGone) {
            return Wake.PEER_GONE;
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
        selector.select(millis);
        selector.selectedKeys().clear();
        return drain();
    }

    private Wake drain() throws IOException {
        boolean rung = false;
        while (true) {
            drain.clear();
            int n;
            try {
                n = socket.read(drain);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                peerGone = true;
                return Wake.PEER_GONE;
            }
            if (n == 0) {
                return rung ? Wake.RUNG : Wake.TIMED_OUT;
            }
            rung = true;
        }
    }

    /** True once the peer's end was seen closed. */
    boolean peerGone() {
        return peerGone;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            socket.close();
        }
    }
}
