package dev.isolates.protocol;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cycle files of the queue a channel end reads, so that it can delete those it has read past.
 * Queue files only grow and, under /dev/shm, they are memory: a queue rolls to a new file after
 * every {@link QueueClock#ROLL_BYTES} written, and the reader deletes each file once its tailer is in a later one. The
 * single writer creates a later file only after it finished the earlier, and the tailer moves on only
 * when a later file exists, so nothing unread is ever deleted.
 *
 * <p>Thread-safe: Chronicle reports files on whatever thread opens them; deleting is for the reader.
 */
final class ConsumedCycleFiles implements StoreFileListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumedCycleFiles.class);

    private final ConcurrentNavigableMap<Integer, File> files = new ConcurrentSkipListMap<>();

    @Override
    public void onAcquired(int cycle, File file) {
        files.put(cycle, file);
    }

    @Override
    public void onReleased(int cycle, File file) {
        // released files may be acquired again (a tailer looking ahead): only the tailer's position frees them
    }

    /**
     * Throws if a file still to be read is shorter than {@code minimumLength}, the size Chronicle
     * gives every queue file before it writes to it: something cut it short, and reading its pages
     * past the end faults. A file that is gone is not checked (its mapping still holds its pages).
     *
     * @throws CutQueueFileInternalError naming the file
     */
    void requireWhole(long minimumLength) {
        for (File f : files.values()) {
            long length = f.length(); // 0 for a file that is gone
            if (length > 0 && length < minimumLength) {
                throw new CutQueueFileInternalError(f.toPath(), length, minimumLength);
            }
        }
    }

    /**
     * Deletes the files of every cycle before {@code cycle}. A file that cannot be deleted now is
     * logged and tried again at the reader's next new file: it only holds messages already read.
     */
    void deleteBefore(int cycle) {
        Map<Integer, File> done = files.headMap(cycle);
        for (Map.Entry<Integer, File> e : done.entrySet()) {
            try {
                Files.deleteIfExists(e.getValue().toPath());
                files.remove(e.getKey(), e.getValue());
            } catch (IOException | RuntimeException failure) {
                LOG.warn("could not delete queue file {}, whose messages were all read; will try again: {}",
                        e.getValue(), failure.toString());
            }
        }
    }
}
