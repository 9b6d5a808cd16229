package dev.isolates.cli.daemon;

import java.io.OutputStream;

/** A client's stdout or stderr: each write becomes frames of one type. Thread-safe, as {@link FrameSender} is. */
final class FrameOutputStream extends OutputStream {
    private static final int MAX_FRAME = 1 << 16;

    private final FrameSender sender;
    private final byte type;

    FrameOutputStream(FrameSender sender, byte type) {
        this.sender = sender;
        this.type = type;
    }

    @Override
    public void write(int b) {
        sender.send(type, new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int sent = 0; sent < len; sent += MAX_FRAME) {
            sender.send(type, b, off + sent, Math.min(MAX_FRAME, len - sent));
        }
    }
}
