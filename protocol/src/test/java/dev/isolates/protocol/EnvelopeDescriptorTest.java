package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The framing of one queue message, written and read back through the descriptor's accessors. */
class EnvelopeDescriptorTest {
    @Test
    void anInlineHeaderReadsBackWithItsBodyAfterIt() {
        ByteBuffer header = EnvelopeDescriptor.headerBuffer();
        int length = EnvelopeDescriptor.writeInline(header, MessageKind.RESULT, 0x0102030405060708L, 42);
        byte[] body = {9, 8, 7};
        ByteBuffer m = ByteBuffer.allocate(length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        m.put(header.array(), 0, length).put(body).flip();

        assertEquals(EnvelopeDescriptor.HEADER_LENGTH, length);
        assertEquals(MessageKind.RESULT, EnvelopeDescriptor.kind(m));
        assertEquals(0x0102030405060708L, EnvelopeDescriptor.correlation(m));
        assertEquals(42, EnvelopeDescriptor.target(m));
        assertTrue(EnvelopeDescriptor.inline(m));
        ByteBuffer read = EnvelopeDescriptor.inlineBody(m);
        byte[] back = new byte[read.remaining()];
        read.get(back);
        assertArrayEquals(body, back);
    }

    @Test
    void anArenaFormCarriesItsHandleInsteadOfABody() {
        ByteBuffer header = EnvelopeDescriptor.headerBuffer();
        ArenaHandle handle = new ArenaHandle(3, 17, 8192, 5L << 30);
        int length = EnvelopeDescriptor.writeArena(header, MessageKind.RUN, -1, 0, handle);
        ByteBuffer m = ByteBuffer.wrap(header.array(), 0, length).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(EnvelopeDescriptor.ARENA_FORM_LENGTH, length);
        assertFalse(EnvelopeDescriptor.inline(m));
        assertEquals(MessageKind.RUN, EnvelopeDescriptor.kind(m));
        assertEquals(-1, EnvelopeDescriptor.correlation(m));
        assertEquals(0, EnvelopeDescriptor.target(m));
        assertEquals(handle, EnvelopeDescriptor.handle(m));
    }

    @Test
    void reusingTheHeaderBufferForAnInlineMessageAfterAnArenaOneKeepsOnlyTheNewFields() {
        ByteBuffer header = EnvelopeDescriptor.headerBuffer();
        EnvelopeDescriptor.writeArena(header, MessageKind.RUN, 7, 1, new ArenaHandle(1, 1, 4096, 10));
        int length = EnvelopeDescriptor.writeInline(header, MessageKind.FAILURE, 8, 2);
        ByteBuffer m = ByteBuffer.wrap(header.array(), 0, length).order(ByteOrder.LITTLE_ENDIAN);

        assertTrue(EnvelopeDescriptor.inline(m));
        assertEquals(MessageKind.FAILURE, EnvelopeDescriptor.kind(m));
        assertEquals(8, EnvelopeDescriptor.correlation(m));
        assertEquals(2, EnvelopeDescriptor.target(m));
        assertEquals(0, EnvelopeDescriptor.inlineBody(m).remaining());
    }
}
