package dev.isolates.launcher;

import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import java.util.List;

/**
 * A worker JVM that is up, seen from the supervisor: its process, the supervisor's end of its
 * channel, its stderr tail, and the command that started it.
 *
 * @param process  the JVM
 * @param channel  the supervisor's end of the channel
 * @param paths    the isolate's files
 * @param stderr   the last lines it wrote to stderr
 * @param command  how it was started
 * @param cds      its class-data archive plan; call {@link #exited(int)} once the JVM is gone
 */
public record LaunchedWorker(Process process, IsolateChannel channel, IsolatePaths paths, OutputTail stderr,
                             List<String> command, ClassDataArchive.Plan cds) {

    /** Tells the launcher the JVM has exited with {@code exitCode}, so a class-data archive it dumped is kept. */
    public void exited(int exitCode) {
        cds.afterExit(exitCode);
    }
}
