package dev.isolates.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The secret an isolate's channel authenticates its messages with: 128 random bits, made by the
 * supervisor for each isolate and handed to the worker through its stdin pipe, never on a command
 * line or in an environment (both readable through {@code /proc} by the same user). Its
 * {@link #toString()} does not show it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChannelKey {
    /** Bytes of a key as {@link #writeTo} writes it. */
    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long k0;
    private final long k1;

    private ChannelKey(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A new key from a {@link SecureRandom}. */
    public static ChannelKey random() {
        return new ChannelKey(RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** Reads a key {@link #writeTo} wrote. */
    public static ChannelKey readFrom(DataInputStream in) throws IOException {
        long k0 = in.readLong();
        long k1 = in.readLong();
        return new ChannelKey(k0, k1);
    }

    /** Writes the key's {@link #LENGTH} bytes. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(k0);
        out.writeLong(k1);
    }

    /** A fresh SipHash under this key. */
    SipHash hash() {
        return new SipHash(k0, k1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelKey other && other.k0 == k0 && other.k1 == k1;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(k0 * 31 + k1);
    }

    @Override
    public String toString() {
        return "ChannelKey[secret]";
    }
}
