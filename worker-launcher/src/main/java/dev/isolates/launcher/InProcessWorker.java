package dev.isolates.launcher;

import dev.isolates.bootstrap.WorkerThread;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;

/**
 * An in-process worker that is up, seen from the supervisor: its thread, the supervisor's end of its
 * channel, and its files.
 *
 * @param thread  the isolate's thread in this JVM
 * @param channel the supervisor's end of the channel
 * @param paths   the isolate's files
 */
public record InProcessWorker(WorkerThread thread, IsolateChannel channel, IsolatePaths paths) {
}
