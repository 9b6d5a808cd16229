package dev.isolates.protocol;

/**
 * The tag on every message of one direction of a channel: SipHash-2-4, under the channel's
 * {@link ChannelKey}, of the message's number in that direction followed by all its bytes but the tag
 * (header, then inline body or arena handle). The number is not sent: each end counts, so a message
 * copied from earlier in the queue, or appended by a process that lacks the key, does not verify.
 * Only a message that verified, or was appended, advances the count.
 *
 * <p>Not thread-safe: the writer seals under the channel's send lock, the one reader thread verifies.
 */
final class MessageSeal {
    private final SipHash hash;
    /** The number the next message of this direction has. */
    private long next;

    MessageSeal(ChannelKey key) {
        this.hash = key.hash();
    }

    /**
     * The tag of the next message: its envelope, {@code headerLength} bytes of {@code header} with the
     * tag's own place skipped, followed by {@code length} bytes of {@code body} from {@code offset}.
     * Call {@link #advance()} once the message is in the queue.
     */
    long tag(byte[] header, int headerLength, byte[] body, int offset, int length) {
        hash.start();
        hash.update(next);
        hash.update(header, 0, EnvelopeDescriptor.TAG_OFFSET);
        hash.update(header, EnvelopeDescriptor.TAG_END, headerLength - EnvelopeDescriptor.TAG_END);
        if (length > 0) {
            hash.update(body, offset, length);
        }
        return hash.finish();
    }

    /** Counts the message just appended or verified. */
    void advance() {
        next++;
    }

    /**
     * True if the {@code length} bytes of {@code message} are the next message of this direction,
     * which is then counted; false, counting nothing, if its tag is wrong or it is too short to have one.
     */
    boolean verify(byte[] message, int length) {
        if (length < EnvelopeDescriptor.HEADER_LENGTH) {
            return false;
        }
        hash.start();
        hash.update(next);
        hash.update(message, 0, EnvelopeDescriptor.TAG_OFFSET);
        hash.update(message, EnvelopeDescriptor.TAG_END, length - EnvelopeDescriptor.TAG_END);
        if (hash.finish() != EnvelopeDescriptor.tag(message)) {
            return false;
        }
        next++;
        return true;
    }
}
