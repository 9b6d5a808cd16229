package dev.isolates.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The layout of a {@link MessageKind#RUN_BATCH} body: several encoded RUN bodies with their
 * correlations, so that a pool hands an isolate many tasks in one queue message. Written by the
 * supervisor, read by the worker; both use only this class.
 *
 * <pre>
 * int count, then count times: long correlation, int length, length bytes (an encoded RUN body)
 * </pre>
 *
 * <p>Stateless; safe from any thread.
 */
public final class RunBatch {
    private static final int HEADER = Integer.BYTES;
    private static final int ELEMENT_HEADER = Long.BYTES + Integer.BYTES;

    private RunBatch() {
    }

    /** One element of a batch as the reader sees it: a RUN body and its correlation. */
    @FunctionalInterface
    public interface ElementReader {
        /** Receives element {@code index}; {@code body} is a view valid only during the call. */
        void read(int index, long correlation, ByteBuffer body) throws IOException;
    }

    /** The bytes a batch of these bodies takes. */
    public static int length(List<byte[]> bodies) {
        long length = HEADER;
        for (byte[] b : bodies) {
            length += ELEMENT_HEADER + b.length;
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + bodies.size() + " tasks takes " + length
                    + " bytes, over the 2 GiB a message can hold");
        }
        return (int) length;
    }

    /** The bytes of one element: what adding it to a batch costs. */
    public static int elementLength(byte[] body) {
        return ELEMENT_HEADER + body.length;
    }

    /** Lays out a batch; {@code correlations} and {@code bodies} pair up by index. */
    public static ByteBuffer encode(long[] correlations, List<byte[]> bodies) {
        if (correlations.length != bodies.size()) {
            throw new IllegalArgumentException(correlations.length + " correlations for " + bodies.size() + " bodies");
        }
        ByteBuffer out = ByteBuffer.allocate(length(bodies));
        out.putInt(bodies.size());
        for (int i = 0; i < correlations.length; i++) {
            byte[] b = bodies.get(i);
            out.putLong(correlations[i]).putInt(b.length).put(b);
        }
        return out.flip();
    }

    /**
     * Hands each element of {@code batch} to {@code reader}, in order.
     *
     * @throws UnreadableMessageException if the layout does not hold together (a truncated body)
     */
    public static void read(ByteBuffer batch, ElementReader reader) throws IOException {
        ByteBuffer in = batch.duplicate();
        int count = remainingAtLeast(in, HEADER, -1).getInt();
        for (int i = 0; i < count; i++) {
            long correlation = remainingAtLeast(in, ELEMENT_HEADER, i).getLong();
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw truncated(in, i);
            }
            ByteBuffer body = in.slice(in.position(), length);
            in.position(in.position() + length);
            reader.read(i, correlation, body);
        }
    }

    private static ByteBuffer remainingAtLeast(ByteBuffer in, int bytes, int element) {
        if (in.remaining() < bytes) {
            throw truncated(in, element);
        }
        return in;
    }

    private static UnreadableMessageException truncated(ByteBuffer in, int element) {
        return new UnreadableMessageException("a RUN_BATCH body of " + in.limit() + " bytes is truncated at byte "
                + in.position() + (element < 0 ? "" : " (element " + element + ")"), in.limit(), true, null);
    }
}
