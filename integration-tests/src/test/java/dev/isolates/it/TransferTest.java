package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.isolates.Isolate;
import dev.isolates.IsolateExit;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.TransferableBuffer;
import dev.isolates.UnsendableException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large results leave an isolate by transfer: {@link Isolates#exit} with a
 * {@link TransferableBuffer} or a large array, and buffers copied from the main isolate to a worker
 * and back.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class TransferTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final long BUFFER_SIZE = 256L << 20;
    static final int ARRAY_SIZE = 32 << 20;
    static final int COPIED_SIZE = (2 << 20) + 3; // over the 1 MiB inline limit, and not a multiple of 8

    @TempDir
    Path dir;

    /** The value of long number {@code i} in a filled buffer: differs for every i and every byte of it. */
    static long pattern(long i) {
        return (i + 1) * 0x9E3779B97F4A7C15L;
    }

    static byte arrayPattern(int i) {
        return (byte) (i * 31 + (i >>> 13));
    }

    @Test
    void shouldTransferQuarterGigabyteBufferOnExitAsReadOnlyViewOnce() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("transfer")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                TransferableBuffer result = TransferableBuffer.allocate(BUFFER_SIZE);
                LongBuffer longs = result.buffer().asLongBuffer();
                for (int i = 0; longs.hasRemaining(); i++) {
                    longs.put(pattern(i));
                }
                Isolates.exit(toMain, result);
            }, fromWorker.sendPort()).get(60, SECONDS);

            TransferableBuffer received = assertInstanceOf(TransferableBuffer.class, fromWorker.receive(WAIT));
            try {
                assertEquals(BUFFER_SIZE, received.size());
                ByteBuffer view = received.materialize();
                assertTrue(view.isReadOnly());
                assertEquals(BUFFER_SIZE, view.remaining());
                assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
                assertThrows(ReadOnlyBufferException.class, () -> view.asLongBuffer().put(0, 1L));

                LongBuffer longs = view.asLongBuffer();
                assertEquals(BUFFER_SIZE / Long.BYTES, longs.remaining());
                for (int i = 0; longs.hasRemaining(); i++) {
                    long got = longs.get();
                    if (got != pattern(i)) {
                        assertEquals(pattern(i), got, "long " + i + " of the transferred buffer");
                    }
                }
                assertThrows(IllegalStateException.class, received::materialize, "a buffer materializes once");
                assertThrows(IllegalStateException.class, received::buffer, "the receiver cannot write it");
            } finally {
                received.close();
            }
            received.close(); // closing twice is harmless

            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("Isolate.exit", exit.reason());
            assertEquals(0, exit.exitCode());
        }
    }

    @Test
    void shouldDeliverLargeArrayOnExitAndRunNothingAfterIt() throws Exception {
        assumeFalse(InProcessMode.on(), "an in-process isolate's thread unwinds through its finally blocks");
        Path afterExit = dir.resolve("after-exit");
        Path finallyRan = dir.resolve("finally-ran");
        String afterExitName = afterExit.toString();
        String finallyName = finallyRan.toString();
        try (ReceivePort fromWorker = new ReceivePort("array")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                byte[] result = new byte[ARRAY_SIZE];
                for (int i = 0; i < result.length; i++) {
                    result[i] = arrayPattern(i);
                }
                try {
                    Isolates.exit(toMain, result);
                    Files.writeString(Path.of(afterExitName), "code after Isolates.exit ran");
                } finally {
                    Files.writeString(Path.of(finallyName), "finally ran after Isolates.exit");
                }
            }, fromWorker.sendPort()).get(60, SECONDS);

            byte[] received = assertInstanceOf(byte[].class, fromWorker.receive(WAIT));
            assertEquals(ARRAY_SIZE, received.length);
            for (int i = 0; i < received.length; i++) {
                if (received[i] != arrayPattern(i)) {
                    assertEquals(arrayPattern(i), received[i], "byte " + i + " of the array");
                }
            }
            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("Isolate.exit", exit.reason());
            assertEquals(0, exit.exitCode());
            assertFalse(Files.exists(afterExit), "code after Isolates.exit ran");
            assertFalse(Files.exists(finallyRan), "a finally block around Isolates.exit ran");
        }
    }

    @Test
    void shouldLeaveABufferWritableAndSendableWhenTheMessageHoldingItIsRefused() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("refused")) {
            Isolates.spawn((SendPort toMain) -> {
                TransferableBuffer buffer = TransferableBuffer.allocate(COPIED_SIZE); // in the worker's arena
                buffer.buffer().put(0, (byte) 7);
                String outcome;
                try {
                    toMain.send(List.of(buffer, new Thread())); // the buffer is written before the thread fails
                    outcome = "sent";
                } catch (UnsendableException e) {
                    outcome = "refused";
                }
                try {
                    buffer.buffer().put(1, (byte) 8);
                    outcome += ", writable";
                } catch (IllegalStateException e) {
                    outcome += ", " + e.getMessage();
                }
                toMain.send(outcome);
                toMain.send(buffer);
            }, fromWorker.sendPort()).get(60, SECONDS);

            assertEquals("refused, writable", fromWorker.receive(WAIT));
            try (TransferableBuffer received = assertInstanceOf(TransferableBuffer.class, fromWorker.receive(WAIT))) {
                ByteBuffer view = received.materialize();
                assertEquals(COPIED_SIZE, view.remaining());
                assertEquals(7, view.get(0));
                assertEquals(8, view.get(1));
            }
        }
    }

    @Test
    void shouldCopyBuffersFromMainToWorkerAndBack() throws Exception {
        byte[] original = new byte[COPIED_SIZE];
        for (int i = 0; i < original.length; i++) {
            original[i] = arrayPattern(i);
        }
        try (ReceivePort fromWorker = new ReceivePort("copies")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort requests = new ReceivePort("buffers");
                toMain.send(requests.sendPort());
                List<?> pair = (List<?>) requests.receive(Duration.ofSeconds(60));
                requests.close();
                TransferableBuffer passOn = (TransferableBuffer) pair.get(0);
                TransferableBuffer read = (TransferableBuffer) pair.get(1);
                ByteBuffer view = read.materialize();
                byte[] reversed = new byte[view.remaining()];
                for (int i = 0; i < reversed.length; i++) {
                    reversed[i] = view.get(reversed.length - 1 - i);
                }
                read.close();
                // The new one goes by handle, then the unread one by copy: too large to go inline, so
                // the channel encodes the message twice, and each buffer must survive that.
                toMain.send(List.of(TransferableBuffer.copyOf(reversed), passOn));
            }, fromWorker.sendPort()).get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);

            TransferableBuffer first = TransferableBuffer.copyOf(original);
            TransferableBuffer second = TransferableBuffer.copyOf(original);
            assertEquals(COPIED_SIZE, first.size());
            toWorker.send(List.of(first, second)); // over the inline limit: encoded twice, as above
            assertThrows(IllegalStateException.class, first::buffer, "a sent buffer is no longer writable");

            List<?> back = assertInstanceOf(List.class, fromWorker.receive(WAIT));
            try (TransferableBuffer reversed = (TransferableBuffer) back.get(0);
                 TransferableBuffer same = (TransferableBuffer) back.get(1)) {
                assertEquals(ByteBuffer.wrap(original), same.materialize(), "passed through a worker unchanged");
                ByteBuffer r = reversed.materialize();
                assertTrue(r.isReadOnly());
                assertEquals(COPIED_SIZE, r.remaining());
                for (int i = 0; i < COPIED_SIZE; i++) {
                    if (r.get(i) != original[COPIED_SIZE - 1 - i]) {
                        assertEquals(original[COPIED_SIZE - 1 - i], r.get(i), "byte " + i + " of the reversed copy");
                    }
                }
            }
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }
}
