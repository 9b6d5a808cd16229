package dev.isolates.cli.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire between the client and the daemon, in one place: a frame is its type (one byte), the
 * length of its body (an int) and the body. Strings are an int length and UTF-8 bytes.
 *
 * <p>Client to daemon: {@link #REQUEST} first, then {@link #STDIN} frames and one
 * {@link #STDIN_END} once the daemon asked for input, or {@link #CANCEL}. Daemon to client:
 * {@link #STDIN_WANTED}, {@link #STDOUT}, {@link #STDERR}, and {@link #EXIT} last. A connection
 * that closes before {@link #EXIT} cancels the command (seen by the daemon) or means the daemon died
 * (seen by the client).
 *
 * <p>Not thread-safe: writers to one stream hold its lock around {@link #write}.
 */
final class Frames {
    /** Body: {@link Request}. */
    static final byte REQUEST = 1;
    /** Body: bytes of standard input. */
    static final byte STDIN = 2;
    /** No body: standard input ended. */
    static final byte STDIN_END = 3;
    /** No body: stop the command (the client was interrupted). */
    static final byte CANCEL = 4;
    /** No body: the command reads standard input; the client starts sending it. */
    static final byte STDIN_WANTED = 10;
    /** Body: bytes of standard output. */
    static final byte STDOUT = 11;
    /** Body: bytes of standard error. */
    static final byte STDERR = 12;
    /** Body: the exit code (an int). */
    static final byte EXIT = 13;

    /** The largest body accepted: a request with a large environment fits, a corrupt length does not. */
    static final int MAX_BODY = 16 << 20;

    private Frames() {
    }

    static void write(DataOutputStream out, byte type, byte[] body, int offset, int length) throws IOException {
        out.writeByte(type);
        out.writeInt(length);
        out.write(body, offset, length);
        out.flush();
    }

    static void write(DataOutputStream out, byte type) throws IOException {
        write(out, type, new byte[0], 0, 0);
    }

    static void writeExit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(Integer.BYTES);
        out.writeInt(code);
        out.flush();
    }

    /** A frame read: its type and body. */
    record Frame(byte type, byte[] body) {
        /** The exit code of an {@link #EXIT} frame. */
        int exitCode() {
            return ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        }
    }

    /** The next frame, or null at a clean end of stream (between frames). */
    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("a frame of " + length + " bytes: not a client or daemon of this build");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Frame((byte) type, body);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BODY) {
            throw new EOFException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
