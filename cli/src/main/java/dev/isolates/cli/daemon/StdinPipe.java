package dev.isolates.cli.daemon;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A client's stdin as its command reads it. The client sends it only once the command first
 * reads ({@link Frames#STDIN_WANTED}): a command that never reads leaves the terminal alone. At most
 * {@value #CHUNKS} chunks wait here; the connection's reader waits when they do, so the client
 * sends no faster than the command reads.
 *
 * <p>One thread reads (the command's); one thread adds (the connection's).
 */
final class StdinPipe extends InputStream {
    private static final int CHUNKS = 16;
    private static final byte[] END = new byte[0];
    private static final byte[] CANCELLED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Runnable wanted;
    private boolean asked;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean ended;

    /** @param wanted asks the client for its input; run at the first read */
    StdinPipe(Runnable wanted) {
        this.wanted = wanted;
    }

    /** Adds bytes the client sent; waits while the command has not read what came before. */
    void add(byte[] bytes) throws InterruptedException {
        if (bytes.length > 0) {
            chunks.put(bytes);
        }
    }

    /** The client's stdin ended. */
    void end() throws InterruptedException {
        chunks.put(END);
    }

    /** The command is cancelled: its next read fails. Called by the thread that adds. */
    void cancel() {
        chunks.clear();
        chunks.offer(CANCELLED);
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        if (!asked) {
            asked = true;
            wanted.run();
        }
        while (pos == chunk.length) {
            if (ended) {
                return -1;
            }
            byte[] next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the command was cancelled while it read standard input");
            }
            if (next == CANCELLED) {
                chunks.offer(CANCELLED);
                throw new InterruptedIOException("the command was cancelled while it read standard input");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            chunk = next;
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }
}
