package dev.isolates.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.isolates.TransferableBuffer;
import dev.isolates.events.TransferEvent;
import dev.isolates.protocol.ArenaHandle;
import dev.isolates.protocol.SendAttempt;
import dev.isolates.protocol.TransferArena;
import dev.isolates.protocol.TransferSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * Writes a {@link TransferableBuffer} that lives in the writing channel's arena as a handle only;
 * any other buffer as its bytes. Reads a handle as a read-only view of the same memory, freed when
 * the buffer is closed or, failing that, collected.
 */
final class TransferableBufferSerializer extends TransferSerializer<TransferableBuffer> {
    private static final byte BY_HANDLE = 1;
    private static final byte BY_COPY = 2;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int CHUNK = 1 << 16;

    @Override
    protected void write(Kryo kryo, Output output, TransferableBuffer buffer, SendAttempt send) {
        TransferBacking backing = ApiBridge.backing(buffer);
        ArenaHandle handle = send == null ? null : backing.handOver(send);
        TransferArena writer = send == null ? null : send.arena();
        if (handle != null) {
            output.writeByte(BY_HANDLE);
            output.writeString(writer.file().getFileName().toString());
            output.writeInt(handle.slot());
            output.writeInt(handle.generation());
            output.writeLong(handle.offset());
            output.writeLong(handle.length());
            recorded(handle.length(), "handle");
            return;
        }
        ByteBuffer content = backing.contentForCopy(send);
        recorded(content.remaining(), "copy");
        output.writeByte(BY_COPY);
        output.writeVarLong(content.remaining(), true);
        byte[] chunk = new byte[Math.min(CHUNK, content.remaining())];
        while (content.hasRemaining()) {
            int n = Math.min(chunk.length, content.remaining());
            content.get(chunk, 0, n);
            output.writeBytes(chunk, 0, n);
        }
    }

    private static void recorded(long bytes, String form) {
        TransferEvent event = new TransferEvent();
        if (event.shouldCommit()) {
            event.bytes = bytes;
            event.form = form;
            event.commit();
        }
    }

    @Override
    protected TransferableBuffer read(Kryo kryo, Input input, Class<? extends TransferableBuffer> type,
                                      TransferArena reader) {
        byte form = input.readByte();
        TransferBacking backing;
        if (form == BY_HANDLE) {
            String arenaName = input.readString();
            ArenaHandle handle = new ArenaHandle(input.readInt(), input.readInt(), input.readLong(), input.readLong());
            if (reader == null) {
                throw new IllegalStateException("a transferred buffer arrived outside a channel");
            }
            TransferArena source = reader.file().getFileName().toString().equals(arenaName)
                    ? reader : ArenaFiles.open(reader.file().resolveSibling(arenaName));
            try {
                backing = TransferBacking.received(source, handle, source.view(handle));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            long size = input.readVarLong(true);
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            byte[] chunk = new byte[(int) Math.min(CHUNK, size)];
            while (bytes.hasRemaining()) {
                int n = Math.min(chunk.length, bytes.remaining());
                input.readBytes(chunk, 0, n);
                bytes.put(chunk, 0, n);
            }
            backing = TransferBacking.receivedCopy(bytes.flip());
        }
        TransferableBuffer buffer = ApiBridge.buffer(backing);
        CLEANER.register(buffer, backing::close); // a buffer dropped without close() still frees its slot
        return buffer;
    }
}
