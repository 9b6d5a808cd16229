package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each body is encoded once, inline up to the limit and into a slot of a real arena past it. */
class BodyEncoderTest {
    private static final int LIMIT = 4096;

    /** A payload whose serializer counts how often it is written, and writes it in short runs. */
    record Counted(byte[] bytes) {
    }

    private final AtomicInteger writes = new AtomicInteger();
    private final KryoCodec codec = KryoCodec.create(DenyList.standard(), BodyEncoderTest.class.getClassLoader(),
            kryo -> kryo.register(Counted.class, new CountingSerializer(), ProtocolRegistrations.FIRST_SUPERVISOR_ID));
    private Path dir;
    private TransferArena arena;
    private Kryo kryo;
    private BodyEncoder encoder;

    @BeforeEach
    void openArena() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "encoder-test-");
        arena = TransferArena.open(dir.resolve("arena"));
        kryo = codec.dedicated();
        encoder = new BodyEncoder(codec, kryo, arena, LIMIT);
    }

    @AfterEach
    void closeArena() throws IOException {
        codec.giveBack(kryo);
        arena.close();
        SessionDirectory.deleteTree(dir);
    }

    @Test
    void aBodyWithinTheInlineLimitIsEncodedOnceAndLeavesTheArenaAlone() throws IOException {
        Counted body = new Counted(pattern(LIMIT / 2));

        EncodedBody encoded = encoder.encode(body, new SendAttempt(arena));

        assertFalse(encoded.inArena());
        assertEquals(1, writes.get());
        assertEquals(0, arena.slotsInUse());
        Counted back = (Counted) codec.decode(ByteBuffer.wrap(encoded.inline(), 0, encoded.length()));
        assertArrayEquals(body.bytes(), back.bytes());
    }

    @Test
    void aBodyOverTheInlineLimitIsEncodedOnceIntoAnArenaSlot() throws IOException {
        Counted body = new Counted(pattern(100 * LIMIT));

        EncodedBody encoded = encoder.encode(body, new SendAttempt(arena));

        assertTrue(encoded.inArena());
        assertEquals(1, writes.get());
        assertEquals(1, arena.slotsInUse());
        assertEquals(encoded.length(), encoded.handle().length());
        Counted back = (Counted) codec.decode(arena.view(encoded.handle()));
        assertArrayEquals(body.bytes(), back.bytes());
    }

    @Test
    void aByteArrayJustUnderTheLimitStaysInlineAndOneJustOverGoesWholeToTheArena() throws IOException {
        byte[] under = pattern(LIMIT - 16);
        byte[] over = pattern(LIMIT + 1);

        EncodedBody inline = encoder.encode(under, new SendAttempt(arena));
        assertFalse(inline.inArena());
        assertArrayEquals(under, (byte[]) codec.decode(ByteBuffer.wrap(inline.inline(), 0, inline.length())));

        EncodedBody large = encoder.encode(over, new SendAttempt(arena));
        assertTrue(large.inArena());
        assertArrayEquals(over, (byte[]) codec.decode(arena.view(large.handle())));
    }

    @Test
    void aBodyLargerThanItsFreeRunMovesToALargerSlotStillEncodedOnce() throws IOException {
        TransferArena.Slot blocker = arena.allocate(60L << 20); // leaves a free run of about 4 MiB at the end
        Counted body = new Counted(pattern(10 << 20));

        EncodedBody encoded = encoder.encode(body, new SendAttempt(arena));

        assertTrue(encoded.inArena());
        assertEquals(1, writes.get());
        assertEquals(2, arena.slotsInUse(), "the blocker and the body; the smaller run it left is free again");
        Counted back = (Counted) codec.decode(arena.view(encoded.handle()));
        assertArrayEquals(body.bytes(), back.bytes());
        arena.abandon(blocker);
    }

    @Test
    void anUnsendableObjectPastTheInlineLimitFreesTheSlotAndTheNextBodyGoesInline() throws IOException {
        List<Object> body = new ArrayList<>(List.of(new Counted(pattern(10 * LIMIT)), new Thread()));

        assertThrows(UnsendableObjectException.class, () -> encoder.encode(body, new SendAttempt(arena)));

        assertEquals(0, arena.slotsInUse());
        EncodedBody next = encoder.encode("small", new SendAttempt(arena));
        assertFalse(next.inArena());
        assertEquals("small", codec.decode(ByteBuffer.wrap(next.inline(), 0, next.length())));
    }

    @Test
    void anArenaWithNoFreeSlotFailsTheBodyAsAnIOExceptionNotAsUnsendable() throws IOException {
        List<TransferArena.Slot> taken = new ArrayList<>();
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            taken.add(arena.allocate(4096));
        }

        IOException failure = assertThrows(IOException.class,
                () -> encoder.encode(new Counted(pattern(10 * LIMIT)), new SendAttempt(arena)));

        assertTrue(failure.getMessage().contains("slots"), failure.getMessage());
        taken.forEach(arena::abandon);
        assertFalse(encoder.encode(new Counted(pattern(10)), new SendAttempt(arena)).inArena());
    }

    @Test
    void aSendThatFailsAfterEncodingWithdrawsItsArenaSlot() throws IOException {
        SendAttempt send = new SendAttempt(arena);
        encoder.encode(new Counted(pattern(10 * LIMIT)), send);
        assertEquals(1, arena.slotsInUse());

        send.failed(new IOException("the append failed"));

        assertEquals(0, arena.slotsInUse());
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private final class CountingSerializer extends Serializer<Counted> {
        @Override
        public void write(Kryo k, Output output, Counted value) {
            writes.incrementAndGet();
            output.writeVarInt(value.bytes().length, true);
            // in runs shorter than BodyOutput.DIRECT_BYTES: staged on the heap, then moved to the arena
            for (int at = 0; at < value.bytes().length; at += 1000) {
                output.writeBytes(value.bytes(), at, Math.min(1000, value.bytes().length - at));
            }
        }

        @Override
        public Counted read(Kryo k, Input input, Class<? extends Counted> type) {
            return new Counted(input.readBytes(input.readVarInt(true)));
        }
    }
}
