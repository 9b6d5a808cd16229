package dev.isolates.protocol;

import java.io.IOException;
import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The open files of one channel end: the queue it writes and its clock, the queue it reads and its
 * cycle files, the shared wake flags, and the arenas it writes and reads.
 *
 * <p>Not thread-safe: opened and closed by one thread.
 */
record ChannelFiles(Side side, SingleChronicleQueue out, QueueClock outClock, SingleChronicleQueue in,
                    ConsumedCycleFiles inFiles, WakeFlags flags, TransferArena outArena, TransferArena inArena)
        implements AutoCloseable {

    /** Opens {@code side}'s files at {@code paths}; what was opened is closed again if a later one fails. */
    static ChannelFiles open(Side side, IsolatePaths paths, Path supervisorArena, Path workerArena) throws IOException {
        Path outDir = side == Side.SUPERVISOR ? paths.inQueue() : paths.outQueue();
        Path inDir = side == Side.SUPERVISOR ? paths.outQueue() : paths.inQueue();
        SingleChronicleQueue out = null;
        SingleChronicleQueue in = null;
        TransferArena outArena = null;
        try {
            WakeFlags flags = WakeFlags.open(paths.wakeFlags());
            QueueClock outClock = QueueClock.of(flags, side);
            out = QueueFiles.openForWriting(outDir, outClock);
            ConsumedCycleFiles inFiles = new ConsumedCycleFiles();
            in = QueueFiles.openForReading(inDir, QueueClock.of(flags, side.peer()), inFiles);
            outArena = TransferArena.open(side == Side.SUPERVISOR ? supervisorArena : workerArena);
            TransferArena inArena = TransferArena.open(side == Side.SUPERVISOR ? workerArena : supervisorArena);
            return new ChannelFiles(side, out, outClock, in, inFiles, flags, outArena, inArena);
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
            if (outArena != null) {
                outArena.close();
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
        try {
            outArena.close();
        } finally {
            inArena.close();
        }
    }
}
