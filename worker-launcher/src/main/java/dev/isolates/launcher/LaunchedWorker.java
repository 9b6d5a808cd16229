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
    /** How long to wait for the last stderr lines of a dead JVM. */
    private static final long STDERR_END_MILLIS = 2_000;

    /**
     * Tells the launcher the JVM has exited with {@code exitCode}, so a class-data archive it dumped
     * is kept. When it did not exit cleanly and left a crash report, the report's banner (the signal,
     * the problematic frame, the file's path) is added to the stderr tail, where it tells why the JVM
     * died: the JVM prints that banner to stdout only, which is the user's and is not read here.
     */
    public void exited(int exitCode) {
        cds.afterExit(exitCode);
        if (exitCode != 0) {
            stderr.awaitEnd(STDERR_END_MILLIS); // what it wrote before dying comes first
            List<String> banner = CrashReport.banner(command, process.pid());
            banner.forEach(stderr::add);
        }
    }
}
