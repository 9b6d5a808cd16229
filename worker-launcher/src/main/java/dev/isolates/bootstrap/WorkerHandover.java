package dev.isolates.bootstrap;

import dev.isolates.protocol.ChannelKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What the launcher writes to a new worker's stdin, and {@link WorkerMain} reads before anything
 * else: its {@link WorkerArguments} and its channel's {@link ChannelKey}. The launcher closes the
 * pipe after it, so the isolate's code reads an empty stdin, as from {@code /dev/null}.
 *
 * @param arguments where the channel is and who supervises it
 * @param key       the secret the channel's messages are tagged with
 */
public record WorkerHandover(WorkerArguments arguments, ChannelKey key) {
    /** Leads the hand-over, so a worker started some other way says so instead of misreading. */
    static final int MAGIC = 0x49534f31; // "ISO1"

    /** Writes the hand-over to {@code out} and closes it. */
    public void writeTo(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
            data.writeInt(MAGIC);
            key.writeTo(data);
            data.writeUTF(arguments.isolateDir().toString());
            data.writeUTF(arguments.supervisorArena().toString());
            data.writeUTF(arguments.workerArena().toString());
            data.writeLong(arguments.supervisorPid());
            data.writeUTF(arguments.debugName());
        }
    }

    /**
     * Reads what {@link #writeTo} wrote from {@code in}, to its end.
     *
     * @throws IOException if {@code in} ends early, or does not start as a hand-over does
     */
    public static WorkerHandover readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException("WorkerMain reads its channel's place and key from stdin, written by the"
                    + " supervisor that starts it, but stdin was empty", e);
        }
        if (magic != MAGIC) {
            throw new IOException("WorkerMain reads its channel's place and key from stdin, written by the"
                    + " supervisor that starts it, but stdin held something else (0x" + Integer.toHexString(magic) + ")");
        }
        ChannelKey key = ChannelKey.readFrom(data);
        WorkerArguments arguments = new WorkerArguments(Path.of(data.readUTF()), Path.of(data.readUTF()),
                Path.of(data.readUTF()), data.readLong(), data.readUTF());
        return new WorkerHandover(arguments, key);
    }

    @Override
    public String toString() {
        return "WorkerHandover[" + arguments + "]";
    }
}
