package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferArenaTest {
    private static final long MIB = 1024 * 1024;

    private Path dir;
    private Path file;

    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "arena-test-");
        file = dir.resolve("arena");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        SessionDirectory.deleteTree(dir);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static ArenaHandle write(TransferArena arena, byte[] payload) throws IOException {
        TransferArena.Slot slot = arena.allocateLargest(payload.length);
        slot.buffer().put(payload);
        return arena.publish(slot, payload.length);
    }

    private static byte[] bytesOf(ByteBuffer view) {
        byte[] b = new byte[view.remaining()];
        view.duplicate().get(b);
        return b;
    }

    @Test
    void shouldRoundTripPayloadThroughAllocatePublishViewRelease() throws IOException {
        byte[] payload = pattern(100_000, 7);
        try (TransferArena arena = TransferArena.open(file)) {
            assertEquals(0, arena.slotsInUse());
            ArenaHandle handle = write(arena, payload);
            assertEquals(payload.length, handle.length());
            assertEquals(ArenaSlotDescriptor.DATA_START, handle.offset());
            assertEquals(1, arena.slotsInUse());

            ByteBuffer view = arena.view(handle);
            assertEquals(payload.length, view.remaining());
            assertArrayEquals(payload, bytesOf(view));

            arena.release(handle);
            assertEquals(0, arena.slotsInUse());
            arena.release(handle); // twice is harmless
            assertEquals(0, arena.slotsInUse());
        }
    }

    @Test
    void shouldGiveReadOnlyViewOfTheSameMemory() throws IOException {
        byte[] payload = pattern(4096, 1);
        try (TransferArena arena = TransferArena.open(file)) {
            TransferArena.Slot slot = arena.allocateLargest(payload.length);
            slot.buffer().put(payload);
            ArenaHandle handle = arena.publish(slot, payload.length);

            ByteBuffer view = arena.view(handle);
            assertTrue(view.isReadOnly());
            assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
            assertThrows(ReadOnlyBufferException.class, () -> view.duplicate().put((byte) 1));

            // the view shares the writer's memory: a change through the slot shows in it
            slot.buffer().put(10, (byte) 0x5a);
            assertEquals((byte) 0x5a, view.get(10));
            arena.release(handle);
        }
    }

    @Test
    void shouldReuseFreedSlot() throws IOException {
        try (TransferArena arena = TransferArena.open(file)) {
            ArenaHandle first = write(arena, pattern(5000, 1));
            arena.view(first);
            arena.release(first);
            long capacity = arena.capacity();

            ArenaHandle second = write(arena, pattern(6000, 2));
            assertEquals(first.offset(), second.offset());
            assertEquals(first.slot(), second.slot());
            assertEquals(first.generation() + 1, second.generation());
            assertEquals(capacity, arena.capacity(), "a freed slot is reused without growing");
            assertArrayEquals(pattern(6000, 2), bytesOf(arena.view(second)));
            arena.release(second);
        }
    }

    @Test
    void shouldRefuseReleasedHandle() throws IOException {
        try (TransferArena arena = TransferArena.open(file)) {
            ArenaHandle handle = write(arena, pattern(100, 3));
            arena.view(handle);
            arena.release(handle);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.view(handle));
            assertTrue(e.getMessage().contains("stale"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseHandleWithOtherGeneration() throws IOException {
        try (TransferArena arena = TransferArena.open(file)) {
            ArenaHandle handle = write(arena, pattern(100, 3));
            ArenaHandle wrongGeneration = new ArenaHandle(handle.slot(), handle.generation() + 1, handle.offset(),
                    handle.length());

            assertThrows(IllegalStateException.class, () -> arena.view(wrongGeneration));
            arena.release(wrongGeneration); // a stale release must not free the live slot
            assertEquals(1, arena.slotsInUse());
            assertArrayEquals(pattern(100, 3), bytesOf(arena.view(handle)));
            arena.release(handle);
        }
    }

    @Test
    void shouldRefuseHandleWhoseSlotWasReused() throws IOException {
        try (TransferArena arena = TransferArena.open(file)) {
            ArenaHandle old = write(arena, pattern(100, 3));
            arena.release(old);
            ArenaHandle reused = write(arena, pattern(100, 4));
            assertEquals(old.slot(), reused.slot());

            assertThrows(IllegalStateException.class, () -> arena.view(old));
            arena.release(old);
            assertEquals(1, arena.slotsInUse(), "releasing the old handle leaves the new one taken");
            arena.release(reused);
        }
    }

    @Test
    void shouldGrowForLargePayloadAndShowItToAnotherMapping() throws IOException {
        int size = (int) (100 * MIB);
        byte[] chunk = pattern((int) MIB, 9);
        try (TransferArena writer = TransferArena.open(file); TransferArena reader = TransferArena.open(file)) {
            long before = reader.capacity();
            TransferArena.Slot slot = writer.allocateLargest(size);
            assertTrue(slot.buffer().capacity() >= size);
            for (int i = 0; i < size / chunk.length; i++) {
                chunk[0] = (byte) i; // each chunk differs, so a view of the wrong place cannot pass
                slot.buffer().put(chunk);
            }
            ArenaHandle handle = writer.publish(slot, size);
            assertTrue(writer.capacity() >= ArenaSlotDescriptor.DATA_START + (long) size);
            assertEquals(before, reader.capacity(), "the reader's mapping is still the old one");

            ByteBuffer view = reader.view(handle);
            assertEquals(size, view.remaining());
            byte[] got = new byte[chunk.length];
            for (int i = 0; i < size / chunk.length; i++) {
                view.get(got);
                chunk[0] = (byte) i;
                assertArrayEquals(chunk, got, "chunk " + i);
            }
            assertEquals(1, writer.slotsInUse());
            reader.release(handle);
            assertEquals(0, writer.slotsInUse(), "a release by the reader frees the writer's slot");
        }
    }

    @Test
    void shouldShowHandleToReaderOpenedAfterGrowth() throws IOException {
        byte[] payload = pattern(200_000, 5);
        try (TransferArena writer = TransferArena.open(file)) {
            ArenaHandle handle = write(writer, payload); // the first allocation grows the arena
            try (TransferArena reader = TransferArena.open(file)) {
                assertEquals(writer.capacity(), reader.capacity());
                assertArrayEquals(payload, bytesOf(reader.view(handle)));
                reader.release(handle);
            }
            assertEquals(0, writer.slotsInUse());
        }
    }

    @Test
    void shouldNotOverlapHeldSlotWhenGrowing() throws IOException {
        try (TransferArena first = TransferArena.open(file)) {
            write(first, pattern(10, 0)); // grow the file once, then let a new writer take it over
            first.reclaim();
        }
        byte[] held = pattern((int) (10 * MIB), 3);
        try (TransferArena writer = TransferArena.open(file); TransferArena reader = TransferArena.open(file)) {
            ArenaHandle a = write(writer, held);
            ByteBuffer view = reader.view(a);

            TransferArena.Slot big = writer.allocateLargest(100 * MIB); // more than is free: grows again
            assertTrue(big.buffer().capacity() >= 100 * MIB, "slot of " + big.buffer().capacity() + " bytes");
            long start = big.offset();
            long end = start + big.buffer().capacity();
            assertTrue(end <= a.offset() || start >= a.offset() + a.length(),
                    "new slot [" + start + ", " + end + ") overlaps held slot at " + a.offset() + " +" + a.length());
            while (big.buffer().hasRemaining()) {
                big.buffer().put((byte) 0x7f);
            }
            writer.publish(big, big.buffer().capacity());
            assertArrayEquals(held, bytesOf(view), "the held payload is intact");
        }
    }

    @Test
    void shouldRefuseWithAnIOExceptionWhenHeldSlotsLeaveNoRoomAtTheCap() throws IOException {
        try (TransferArena writer = TransferArena.open(file)) {
            long held = TransferArena.MAX_CAPACITY / 2 + 64 * MIB; // published, never released
            writer.publish(writer.allocate(held), held);

            IOException e = assertThrows(IOException.class, () -> writer.allocate(TransferArena.MAX_CAPACITY / 2));
            assertTrue(e.getMessage().contains("has no free run"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void shouldReclaimSlotsNoViewHolds() throws IOException {
        try (TransferArena writer = TransferArena.open(file); TransferArena reader = TransferArena.open(file)) {
            ArenaHandle held = write(writer, pattern(100, 1));
            ArenaHandle sentButUnread = write(writer, pattern(100, 2));
            ArenaHandle alsoUnread = write(writer, pattern(100, 3));
            assertNotEquals(held.slot(), sentButUnread.slot());
            assertEquals(3, writer.slotsInUse());

            reader.view(held);
            assertEquals(2, reader.reclaim());
            assertEquals(1, reader.slotsInUse());
            assertEquals(1, writer.slotsInUse());
            assertThrows(IllegalStateException.class, () -> reader.view(sentButUnread));
            assertThrows(IllegalStateException.class, () -> reader.view(alsoUnread));
            assertArrayEquals(pattern(100, 1), bytesOf(reader.view(held)));

            reader.release(held);
            assertEquals(0, reader.reclaim());
            assertEquals(0, writer.slotsInUse());
        }
    }

    @Test
    void shouldCountSlotsInUse() throws IOException {
        try (TransferArena arena = TransferArena.open(file)) {
            ArenaHandle a = write(arena, pattern(10, 1));
            ArenaHandle b = write(arena, pattern(10, 2));
            TransferArena.Slot writing = arena.allocateLargest(10);
            assertEquals(3, arena.slotsInUse());
            arena.abandon(writing);
            assertEquals(2, arena.slotsInUse());
            arena.release(a);
            assertEquals(1, arena.slotsInUse());
            arena.release(b);
            assertEquals(0, arena.slotsInUse());
        }
    }

    @Test
    void shouldRefuseFileThatIsNotAnArena() throws IOException {
        Files.write(file, new byte[ArenaSlotDescriptor.DATA_START]);
        IOException e = assertThrows(IOException.class, () -> TransferArena.open(file));
        assertTrue(e.getMessage().contains("not a transfer arena"), e.getMessage());
    }
}
