package dev.isolates.supervisor;

import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.SessionDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one isolate holds in the session: its channel and folder, and the two arenas. Freed once,
 * after its JVM (or in-process thread) is gone.
 *
 * <p>Called from the isolate's reader thread only.
 */
final class IsolateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateFiles.class);

    private final String debugName;
    private final IsolateChannel channel;
    private final IsolatePaths paths;
    private final IsolateHost host;
    private final Path supervisorArena;
    private final Path workerArena;
    private final ArenaPool arenas;

    IsolateFiles(String debugName, IsolateChannel channel, IsolatePaths paths, IsolateHost host, Path supervisorArena,
                 Path workerArena, ArenaPool arenas) {
        this.debugName = debugName;
        this.channel = channel;
        this.paths = paths;
        this.host = host;
        this.supervisorArena = supervisorArena;
        this.workerArena = workerArena;
        this.arenas = arenas;
    }

    /**
     * Closes the channel, frees what the dead worker no longer reads, deletes the isolate's folder
     * and gives the arenas back for the next isolate; an arena a transferred buffer still maps is
     * deleted instead. A failure is logged: the isolate has ended either way.
     */
    void release() {
        try {
            channel.close(); // waits for a send in flight; later ones fail
            // The dead worker was the only reader of what the supervisor wrote: all of it is free now.
            channel.outboundArena().reclaim();
            // What the worker wrote may still be read (a transferred buffer): free only half-written slots.
            channel.inboundArena().reclaimAbandoned();
            boolean workerArenaFree = channel.inboundArena().slotsInUse() == 0;
            SessionDirectory.deleteTree(paths.root());
            if (host.abandoned()) {
                // an abandoned in-process isolate's thread may still use both: no other isolate may get them
                arenas.discard(supervisorArena);
                arenas.discard(workerArena);
                return;
            }
            arenas.giveBack(supervisorArena);
            if (workerArenaFree) {
                arenas.giveBack(workerArena);
            } else {
                arenas.discard(workerArena); // mappings of it stay valid until their buffers are freed
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean up after isolate {}: {}", debugName, e.toString());
        }
    }
}
