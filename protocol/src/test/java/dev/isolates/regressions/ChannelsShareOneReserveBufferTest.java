package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.protocol.ChannelKey;
import dev.isolates.protocol.DoorbellSocket;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.SessionDirectory;
import dev.isolates.protocol.Side;
import dev.isolates.protocol.WaitStrategy;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A supervisor holds one channel end per live isolate. Reserving queue pages must not cost each of
 * them its own buffer of direct memory (1 MiB each would take a 256 MiB supervisor's direct memory,
 * which is bounded by its heap, with a couple of hundred isolates): the zeros it writes are the same
 * for all.
 */
class ChannelsShareOneReserveBufferTest {
    private static final int CHANNELS = 16;

    @Test
    void shouldNotTakeAMebibyteOfDirectMemoryPerChannel() throws Exception {
        Path base = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "reserve-buffer-test-");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            openEnd(dir, 0, open); // classes and shared buffers loaded
            long before = directBytesUsed();
            for (int i = 1; i <= CHANNELS; i++) {
                openEnd(dir, i, open);
            }
            long grown = directBytesUsed() - before;
            assertTrue(grown < CHANNELS * (1L << 20) / 2, CHANNELS + " channel ends took " + grown
                    + " bytes of direct memory");
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
            SessionDirectory.deleteTree(dir);
        }
    }

    /** Opens the supervisor's end of channel {@code n}, with the socket its worker would hold. */
    private static void openEnd(Path dir, int n, List<AutoCloseable> open) throws Exception {
        IsolatePaths paths = IsolatePaths.of(dir.resolve("w" + n));
        Files.createDirectory(paths.root());
        ServerSocketChannel server = DoorbellSocket.listen(paths.doorbell());
        open.add(server);
        SocketChannel workerBell = DoorbellSocket.connect(paths.doorbell());
        open.add(workerBell);
        SocketChannel bell = server.accept();
        IsolateChannel channel = IsolateChannel.open(Side.SUPERVISOR, paths, bell, dir.resolve("arena-s" + n),
                dir.resolve("arena-w" + n), ChannelKey.random(), KryoCodec.standard(), WaitStrategy.backoff());
        open.add(0, channel);
    }

    private static long directBytesUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
