package dev.isolates.bootstrap;

import java.nio.file.Path;

/**
 * Where the isolate's channel is and who supervises it: what the launcher tells {@link WorkerMain}
 * through its stdin, with the channel's key (see {@link WorkerHandover}), rather than on its
 * command line, which any process of the same user can read.
 *
 * @param isolateDir      the isolate's folder in the session directory
 * @param supervisorArena the arena the supervisor writes into
 * @param workerArena     the arena the worker writes into
 * @param supervisorPid   the process to watch; the worker ends when it is gone; {@link #UNWATCHED} for none
 * @param debugName       the isolate's name
 */
public record WorkerArguments(Path isolateDir, Path supervisorArena, Path workerArena, long supervisorPid,
                              String debugName) {
    /** The {@code supervisorPid} of a worker that cannot see its supervisor (a sandboxed one): no watch. */
    public static final long UNWATCHED = 0;
}
