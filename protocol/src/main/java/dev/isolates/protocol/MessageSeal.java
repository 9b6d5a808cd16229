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
        return digest(header, headerLength, body, offset, length);
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
        if (length < EnvelopeDescriptor.HEADER_LENGTH
                || digest(message, length, null, 0, 0) != EnvelopeDescriptor.tag(message)) {
            return false;
        }
        next++;
        return true;
    }

    /** The hash of the next number, {@code envelope}'s first bytes but the tag's, then {@code body}'s. */
    private long digest(byte[] envelope, int envelopeLength, byte[] body, int offset, int length) {
        hash.start();
        hash.update(next);
        hash.update(envelope, 0, EnvelopeDescriptor.TAG_OFFSET);
        hash.update(envelope, EnvelopeDescriptor.TAG_END, envelopeLength - EnvelopeDescriptor.TAG_END);
        if (length > 0) {
            hash.update(body, offset, length);
        }
        return hash.finish();
    }
}
