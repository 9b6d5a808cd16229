package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both ends of one channel in this JVM, over real queues, arenas and a real Unix domain socket. */
class IsolateChannelTest {
    /** Long enough never to be the reason a test ends; a test that waits this long has failed. */
    private static final long PATIENCE_SECONDS = 30;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final KryoCodec codec = KryoCodec.standard();
    private final ChannelKey key = ChannelKey.random();
    private Path dir;
    private IsolatePaths paths;
    private Path supervisorArena;
    private Path workerArena;
    private ServerSocketChannel server;
    private IsolateChannel supervisor;
    private IsolateChannel worker;

    @BeforeEach
    void openBothEnds() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "channel-test-");
        supervisorArena = dir.resolve("arena-1");
        workerArena = dir.resolve("arena-2");
        paths = IsolatePaths.of(dir.resolve("w1"));
        server = DoorbellSocket.listen(makeRoot(paths));
        IsolateChannel[] ends = openPair(paths, server);
        supervisor = ends[0];
        worker = ends[1];
    }

    private static Path makeRoot(IsolatePaths p) throws IOException {
        Files.createDirectory(p.root());
        return p.doorbell();
    }

    /** The supervisor's and the worker's end of a channel at {@code p}, both in this JVM. */
    private IsolateChannel[] openPair(IsolatePaths p, ServerSocketChannel listening) throws IOException {
        SocketChannel workerBell = DoorbellSocket.connect(p.doorbell());
        SocketChannel supervisorBell = accept(listening);
        IsolateChannel s = IsolateChannel.open(Side.SUPERVISOR, p, supervisorBell, supervisorArena, workerArena, key,
                codec, WaitStrategy.backoff());
        IsolateChannel w = IsolateChannel.open(Side.WORKER, p, workerBell, supervisorArena, workerArena, key, codec,
                WaitStrategy.backoff());
        return new IsolateChannel[] {s, w};
    }

    private static SocketChannel accept(ServerSocketChannel server) throws IOException {
        return TestSockets.accept(server);
    }

    @AfterEach
    void closeBothEnds() throws IOException {
        try {
            if (worker != null) {
                worker.close();
            }
            if (supervisor != null) {
                supervisor.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            SessionDirectory.deleteTree(dir);
        }
    }

    private static Inbound receive(IsolateChannel channel) throws IOException {
        Inbound m = channel.receive(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(m, "no message arrived");
        return m;
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 131 + (i >>> 16));
        }
        return b;
    }

    @Test
    void aReaderLearnsThatAQueueFileItReadsWasCutShort() throws Exception {
        worker.send(MessageKind.PORT_MESSAGE, 1, "before the cut");
        assertEquals("before the cut", supervisor.decode(receive(supervisor)));
        supervisor.requireWholeInbound(); // whole: nothing to say
        Path file;
        try (var files = Files.list(paths.outQueue())) {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        long cut = QueueFiles.BLOCK_SIZE / 2; // past every byte written, so no page with data is cut
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        // Chronicle may report the reader's file to its listener a moment after the read: the reader
        // checks again at each idle second, as here.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CutQueueFileInternalError e = null;
        while (e == null) {
            try {
                supervisor.requireWholeInbound();
            } catch (CutQueueFileInternalError cutShort) {
                e = cutShort;
            }
            if (e == null) {
                assertTrue(System.nanoTime() < deadline, "the reader never saw that " + file + " was cut to " + cut
                        + " bytes (now " + Files.size(file) + ")");
                Thread.sleep(20);
            }
        }
        assertEquals(file.toRealPath(), e.file().toRealPath());
        assertEquals(cut, e.length());
        assertTrue(e.getMessage().contains("unsafe memory access")
                && e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }

    @Test
    void shouldReserveThePagesOfAQueueFileAheadOfEveryWrite() throws Exception {
        byte[] body = new byte[100 << 10];
        java.util.Arrays.fill(body, (byte) 0x5a);
        for (int i = 0; i < 40; i++) {
            worker.send(MessageKind.PORT_MESSAGE, i, body);
            assertNotNull(supervisor.receive(PATIENCE_SECONDS, TimeUnit.SECONDS));
            Path file;
            try (var files = Files.list(paths.outQueue())) {
                file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
            }
            byte[] content = Files.readAllBytes(file);
            int lastData = content.length - 1;
            while (lastData > 0 && content[lastData] == 0) {
                lastData--;
            }
            long allocated = allocatedBytes(file);
            assertTrue(allocated >= lastData + QueueFileReservation.SLACK / 2, "after message " + i + " the queue "
                    + "wrote up to " + lastData + " of " + file + ", but only " + allocated + " bytes are allocated");
            if (i == 0) {
                int first = 0;
                while (content[first] != 0x5a) {
                    first++;
                }
                assertTrue(first < QueueFileReservation.FIRST_MESSAGE_AT, "the first message starts at " + first);
            }
        }
    }

    /** Bytes the file system allocated to {@code file}, which for a sparse file is less than its length. */
    private static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "stat did not finish");
        String[] blocks = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .trim().split(" ");
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }

    @Test
    void shouldCloseTheDoorbellSocketWhenOpeningFails() throws IOException {
        IsolatePaths other = IsolatePaths.of(dir.resolve("w2"));
        try (ServerSocketChannel listening = DoorbellSocket.listen(makeRoot(other));
             SocketChannel workerBell = DoorbellSocket.connect(other.doorbell())) {
            SocketChannel supervisorBell = accept(listening);
            Path notAnArena = Files.write(dir.resolve("not-an-arena"), new byte[ArenaSlotDescriptor.DATA_START]);

            assertThrows(IOException.class, () -> IsolateChannel.open(Side.SUPERVISOR, other, supervisorBell,
                    supervisorArena, notAnArena, ChannelKey.random(), codec, WaitStrategy.backoff()));
            assertFalse(supervisorBell.isOpen(), "the channel owned the socket and closed it");
        }
    }

    @Test
    void shouldDeliverInSendOrderWithKindsAndCorrelations() throws IOException {
        supervisor.send(MessageKind.RUN, 1, "first");
        supervisor.send(MessageKind.PING, 2, null);
        supervisor.send(MessageKind.SHUTDOWN, -3, List.of(1, 2, 3));
        for (int i = 0; i < 200; i++) {
            supervisor.send(MessageKind.RUN, 100 + i, "message " + i);
        }

        Inbound a = receive(worker);
        assertEquals(MessageKind.RUN, a.kind());
        assertEquals(1, a.correlation());
        assertEquals("first", worker.decode(a));
        Inbound b = receive(worker);
        assertEquals(MessageKind.PING, b.kind());
        assertEquals(2, b.correlation());
        assertNull(worker.decode(b));
        Inbound c = receive(worker);
        assertEquals(MessageKind.SHUTDOWN, c.kind());
        assertEquals(-3, c.correlation());
        assertEquals(List.of(1, 2, 3), worker.decode(c));
        for (int i = 0; i < 200; i++) {
            Inbound m = receive(worker);
            assertEquals(100 + i, m.correlation());
            assertEquals("message " + i, worker.decode(m));
        }
        assertNull(worker.poll());
    }

    @Test
    void shouldRollToANewFileEveryFewMegabytesAndDeleteTheFilesItReadPast() throws Exception {
        byte[] body = new byte[900_000]; // inline: just under the 1 MiB limit
        Set<String> filesSeen = new HashSet<>();
        int sent = 0;
        while (filesSeen.size() < 4 && sent < 1_000) {
            body[0] = (byte) sent;
            supervisor.send(MessageKind.RUN, sent, body);
            Inbound m = receive(worker);
            assertEquals(sent, m.correlation());
            assertEquals((byte) sent, ((byte[]) worker.decode(m))[0]);
            sent++;
            filesSeen.addAll(cycleFiles(paths.inQueue()));
        }

        assertEquals(4, filesSeen.size(), "a new file per " + QueueClock.ROLL_BYTES + " bytes: " + filesSeen);
        List<String> left = cycleFiles(paths.inQueue());
        assertTrue(left.size() <= 2, "files read past are deleted; left: " + left + " of " + filesSeen);
        assertNull(worker.poll());
    }

    @Test
    void shouldKeepOneFileForAFewMessagesOverSeveralSeconds() throws Exception {
        for (int i = 0; i < 12; i++) {
            supervisor.send(MessageKind.RUN, i, "message " + i);
            assertEquals("message " + i, worker.decode(receive(worker)));
            Thread.sleep(200);
        }

        assertEquals(1, cycleFiles(paths.inQueue()).size(), "no new file: " + cycleFiles(paths.inQueue()));
    }

    private static List<String> cycleFiles(Path queue) throws IOException {
        try (var files = Files.list(queue)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void shouldNotParkWhenTheReasonToParkEndedBeforeItSaidItWasParked() throws Exception {
        // A resume that lands between the worker's look at its pause count and its parking finds no
        // parked flag and rings no bell: the park must look again, or sleep until its timeout.
        ExecutorService parker = Executors.newSingleThreadExecutor();
        try {
            Future<?> parked = parker.submit(() -> {
                worker.park(1, TimeUnit.HOURS, () -> false);
                return null;
            });
            parked.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } finally {
            parker.shutdownNow();
        }
    }

    @Test
    void shouldDeliverFromWorkerToSupervisor() throws IOException {
        worker.send(MessageKind.RESULT, 7, "answer");
        worker.send(MessageKind.EXITING, 8, new ExitNotice("System.exit", ""));

        Inbound a = receive(supervisor);
        assertEquals(MessageKind.RESULT, a.kind());
        assertEquals(7, a.correlation());
        assertEquals("answer", supervisor.decode(a));
        Inbound b = receive(supervisor);
        assertEquals(MessageKind.EXITING, b.kind());
        assertEquals(new ExitNotice("System.exit", ""), supervisor.decode(b));
        assertNull(worker.poll(), "a message does not come back to its sender");
    }

    @Test
    void shouldSendSmallBodyInline() throws IOException {
        byte[] small = pattern(IsolateChannel.INLINE_LIMIT / 2);
        supervisor.send(MessageKind.RESULT, 1, small);

        Inbound m = receive(worker);
        assertNull(m.handle());
        assertArrayEquals(small, (byte[]) worker.decode(m));
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }

    @Test
    void shouldSendLargeBodyThroughArenaAndFreeSlotAfterDecode() throws IOException {
        byte[] big = pattern(8 * 1024 * 1024);
        assertTrue(big.length > IsolateChannel.INLINE_LIMIT);
        supervisor.send(MessageKind.RESULT, 42, big);
        assertEquals(1, supervisor.outboundArena().slotsInUse());

        Inbound m = receive(worker);
        assertEquals(MessageKind.RESULT, m.kind());
        assertEquals(42, m.correlation());
        assertNotNull(m.handle(), "a body over the inline limit travels by arena handle");
        assertTrue(m.body().isReadOnly());
        assertArrayEquals(big, (byte[]) worker.decode(m));

        assertEquals(0, worker.inboundArena().slotsInUse());
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }

    @Test
    void shouldReuseArenaForRepeatedLargeBodies() throws IOException {
        byte[] big = pattern(8 * 1024 * 1024);
        supervisor.send(MessageKind.RESULT, 0, big);
        assertArrayEquals(big, (byte[]) worker.decode(receive(worker)));
        long capacity = supervisor.outboundArena().capacity();

        for (int i = 1; i <= 5; i++) {
            big[0] = (byte) i;
            supervisor.send(MessageKind.RESULT, i, big);
            Inbound m = receive(worker);
            assertEquals(i, m.correlation());
            assertArrayEquals(big, (byte[]) worker.decode(m));
        }
        assertEquals(capacity, supervisor.outboundArena().capacity(), "released slots are reused, the arena does not grow");
    }

    @Test
    void shouldHoldSeveralLargeBodiesUntilEachIsReleased() throws IOException {
        byte[] one = pattern(3 * 1024 * 1024);
        byte[] two = pattern(5 * 1024 * 1024);
        two[0] = 99;
        supervisor.send(MessageKind.RESULT, 1, one);
        supervisor.send(MessageKind.RESULT, 2, two);

        Inbound a = receive(worker);
        Inbound b = receive(worker);
        assertEquals(2, supervisor.outboundArena().slotsInUse());
        assertTrue(a.handle().slot() != b.handle().slot());
        assertArrayEquals(two, (byte[]) worker.decode(b));
        assertArrayEquals(one, (byte[]) worker.decode(a));
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }

    @Test
    void shouldGrowArenaForBodyLargerThanItsFreeRun() throws IOException {
        supervisor.send(MessageKind.RESULT, 1, pattern(2 * 1024 * 1024)); // makes the arena its first size
        worker.decode(receive(worker));
        long first = supervisor.outboundArena().capacity();
        byte[] huge = pattern((int) first + 1024 * 1024);

        supervisor.send(MessageKind.RESULT, 2, huge);
        assertTrue(supervisor.outboundArena().capacity() > first);
        Inbound m = receive(worker);
        assertEquals(2, m.correlation());
        assertArrayEquals(huge, (byte[]) worker.decode(m));
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }

    @Test
    void shouldCarryLargeBodiesOverArenaReusedFromEarlierChannel() throws IOException {
        // the supervisor hands an arena file back to the next isolate once the last one ended
        supervisor.send(MessageKind.RESULT, 1, pattern(8 * 1024 * 1024));
        worker.decode(receive(worker));
        supervisor.close();
        worker.close();
        server.close();

        IsolatePaths next = IsolatePaths.of(dir.resolve("w2"));
        server = DoorbellSocket.listen(makeRoot(next));
        IsolateChannel[] ends = openPair(next, server);
        supervisor = ends[0];
        worker = ends[1];

        byte[] held = pattern(8 * 1024 * 1024);
        supervisor.send(MessageKind.RESULT, 2, held);
        Inbound first = receive(worker); // held, not yet released
        byte[] larger = pattern((int) supervisor.outboundArena().capacity());
        larger[0] = 1;
        supervisor.send(MessageKind.RESULT, 3, larger);
        Inbound second = receive(worker);
        assertArrayEquals(larger, (byte[]) worker.decode(second));
        assertArrayEquals(held, (byte[]) worker.decode(first));
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }

    @Test
    void shouldWakeReaderParkedOnDoorbell() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<Inbound> received = reader.submit(() -> {
                started.countDown();
                return worker.receive(10 * PATIENCE_SECONDS, TimeUnit.SECONDS);
            });
            assertTrue(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            awaitParked(Side.WORKER);

            supervisor.send(MessageKind.RUN, 77, "wake up");

            Inbound m = received.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertNotNull(m, "receive returned without a message");
            assertEquals(MessageKind.RUN, m.kind());
            assertEquals(77, m.correlation());
            assertEquals("wake up", worker.decode(m));
        } finally {
            reader.shutdownNow();
            assertTrue(reader.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** Waits until {@code side}'s reader has said, in the shared wake flags, that it parks on the doorbell. */
    private void awaitParked(Side side) throws IOException {
        try (FileChannel ch = FileChannel.open(paths.wakeFlags(), StandardOpenOption.READ)) {
            MappedByteBuffer flags = ch.map(FileChannel.MapMode.READ_ONLY, 0, ControlFileDescriptor.FILE_LENGTH);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while ((int) INT.getVolatile(flags, ControlFileDescriptor.flagOffset(side)) != ControlFileDescriptor.PARKED) {
                if (System.nanoTime() > deadline) {
                    fail("the " + side + " reader never parked");
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @Test
    void shouldReturnNullWhenNothingArrivesInTime() throws IOException {
        assertNull(worker.poll());
        assertNull(worker.receive(50, TimeUnit.MILLISECONDS));
        assertNull(supervisor.receive(0, TimeUnit.MILLISECONDS));
        assertFalse(worker.peerGone());
    }

    @Test
    void shouldThrowPeerGoneAfterOtherEndClosesAndItsMessagesAreRead() throws IOException {
        supervisor.send(MessageKind.RUN, 1, "last words");
        supervisor.close();

        Inbound m = receive(worker);
        assertEquals("last words", worker.decode(m));
        PeerGoneException e = assertThrows(PeerGoneException.class,
                () -> worker.receive(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("supervisor"), e.getMessage());
        assertTrue(worker.peerGone());
    }

    @Test
    void shouldTellSupervisorWhenWorkerCloses() throws IOException {
        worker.close();
        assertThrows(PeerGoneException.class, () -> supervisor.receive(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertTrue(supervisor.peerGone());
    }

    @Test
    void shouldAppendNothingForUnsendableBody() throws IOException {
        List<Object> body = List.of("fine", new Thread(() -> { }));

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class,
                () -> supervisor.send(MessageKind.RUN, 1, body));
        assertEquals("[1]", e.path());
        assertNull(worker.poll());

        supervisor.send(MessageKind.RUN, 2, "next");
        Inbound m = receive(worker);
        assertEquals(2, m.correlation(), "the refused message left no trace in the queue");
        assertEquals("next", worker.decode(m));
    }

    @Test
    void shouldAppendNothingAndFreeArenaForLargeUnsendableBody() throws IOException {
        List<Object> body = new ArrayList<>();
        body.add(pattern(4 * 1024 * 1024)); // overflows the inline buffer before the thread is reached
        body.add(new Thread(() -> { }));

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class,
                () -> supervisor.send(MessageKind.RESULT, 1, body));
        assertEquals("[1]", e.path());
        assertEquals(Thread.class.getName(), e.typeName());
        assertNull(worker.poll());
        assertEquals(0, supervisor.outboundArena().slotsInUse());
    }
}
