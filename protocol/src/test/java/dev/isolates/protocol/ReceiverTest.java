package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link Receiver} over real wake flags and a real doorbell socket pair; messages come from an
 * in-memory source, so what is tested is the waiting, not the queue.
 */
class ReceiverTest {
    private static final long PATIENCE_SECONDS = TestSockets.PATIENCE_SECONDS;

    private final Queue<Inbound> messages = new ConcurrentLinkedQueue<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Path dir;
    private ServerSocketChannel server;
    private WakeFlags flags;
    private Doorbell readerBell;
    private Doorbell senderBell;
    private Receiver receiver;

    @BeforeEach
    void connect() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "receiver-test-");
        flags = WakeFlags.open(dir.resolve("flags"));
        server = DoorbellSocket.listen(dir.resolve("bell"));
        SocketChannel senderSide = DoorbellSocket.connect(dir.resolve("bell"));
        readerBell = new Doorbell(TestSockets.accept(server));
        senderBell = new Doorbell(senderSide);
        receiver = new Receiver(Side.WORKER, messages::poll, WaitStrategy.parking(), flags, readerBell);
    }

    @AfterEach
    void close() throws IOException {
        thread.shutdownNow();
        try {
            readerBell.close();
            senderBell.close();
            server.close();
        } finally {
            SessionDirectory.deleteTree(dir);
        }
    }

    @Test
    void aParkedReceiverWakesForAMessageTheSenderRingsFor() throws Exception {
        Future<Inbound> received = receiveWhenParked();

        messages.add(message(5));
        VarHandle.fullFence();
        senderBell.ring();

        Inbound m = received.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertEquals(5, m.correlation());
    }

    @Test
    void aMessageAlreadyWaitingIsReturnedWithoutParking() throws IOException {
        messages.add(message(1));

        Inbound m = receiver.receive(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertNotNull(m);
        assertEquals(1, m.correlation());
        assertFalse(flags.claimWake(Side.WORKER), "the receiver is not marked parked");
    }

    @Test
    void nothingComingWithinTheTimeoutReturnsNull() throws IOException {
        assertNull(receiver.receive(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void aPeerThatClosesItsEndWakesTheReceiverWithPeerGone() throws Exception {
        Future<Inbound> received = receiveWhenParked();

        senderBell.close();

        Exception failure = assertThrows(Exception.class, () -> received.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(PeerGoneException.class, failure.getCause().getClass());
    }

    @Test
    void aMessageLeftWhenThePeerClosesIsStillDelivered() throws Exception {
        Future<Inbound> received = receiveWhenParked();

        messages.add(message(9));
        senderBell.close();

        assertEquals(9, received.get(PATIENCE_SECONDS, TimeUnit.SECONDS).correlation());
    }

    /** A receive on the other thread, once it says it is parked; its wake is claimed, as a sender would. */
    private Future<Inbound> receiveWhenParked() {
        Future<Inbound> received = thread.submit(() -> receiver.receive(PATIENCE_SECONDS, TimeUnit.SECONDS));
        waitUntilParked();
        return received;
    }

    /** Claims the receiver's wake once it says it is parked, as a sender would before ringing. */
    private void waitUntilParked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!flags.claimWake(Side.WORKER)) {
            if (System.nanoTime() > deadline) {
                fail("the receiver never parked");
            }
            Thread.onSpinWait();
        }
    }

    private static Inbound message(long correlation) {
        return new Inbound(MessageKind.RESULT, correlation, 0, ByteBuffer.allocate(0), null);
    }
}
