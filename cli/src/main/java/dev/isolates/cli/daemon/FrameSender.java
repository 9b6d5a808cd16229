package dev.isolates.cli.daemon;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Sends frames to one client. Once a send fails (the client went away) the rest are dropped: the
 * command is being cancelled then, and what it still writes has no reader. Thread-safe: the
 * command, its isolates' output readers and the connection send through one instance.
 */
final class FrameSender {
    private final DataOutputStream out;
    private boolean broken;

    FrameSender(DataOutputStream out) {
        this.out = out;
    }

    synchronized void send(byte type, byte[] body, int offset, int length) {
        if (broken) {
            return;
        }
        try {
            Frames.write(out, type, body, offset, length);
        } catch (IOException e) {
            broken = true;
        }
    }

    void send(byte type) {
        send(type, new byte[0], 0, 0);
    }

    synchronized void exit(int code) {
        if (broken) {
            return;
        }
        try {
            Frames.writeExit(out, code);
        } catch (IOException e) {
            broken = true;
        }
    }
}
