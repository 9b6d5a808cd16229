package dev.isolates.launcher;

import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A worker JVM that is up, seen from the supervisor: its process, the supervisor's end of its
 * channel, its stderr tail, its stdout, and the command that started it.
 *
 * @param process  the JVM
 * @param tree     the JVM and the processes the isolate started
 * @param channel  the supervisor's end of the channel
 * @param paths    the isolate's files
 * @param stderr   the last lines it wrote to stderr, and what its JVM printed to stdout as it died
 * @param stdout   its stdout, passed through to the supervisor's
 * @param command  how it was started
 * @param archive  its plan for the archive of its classes; call {@link #exited(int)} once the JVM is gone
 */
public record LaunchedWorker(Process process, IsolateProcessTree tree, IsolateChannel channel, IsolatePaths paths,
                             OutputTail stderr, WorkerStdout stdout, List<String> command, ArchivePlan archive) {
    /** How long to wait for the last output of a dead JVM. */
    private static final long OUTPUT_END_MILLIS = 2_000;
    private static final String BANNER_MARK = "# A fatal error has been detected by the Java Runtime Environment";

    /**
     * Tells the launcher the JVM has exited with {@code exitCode}, so an archive of classes it dumped
     * or recorded is kept, and waits for the last of its output. Returns the JVM's crash report, if it left one;
     * the report's banner (the signal, the problematic frame, the file's path) is then in the stderr
     * tail: the JVM prints it to stdout, which {@link WorkerStdout} took it from, or else it is read
     * from the file.
     */
    public Optional<Path> exited(int exitCode) {
        archive.afterExit(exitCode);
        stdout.awaitEnd(OUTPUT_END_MILLIS);
        if (exitCode == 0) {
            return Optional.empty();
        }
        stderr.awaitEnd(OUTPUT_END_MILLIS); // what it wrote before dying comes first
        Optional<Path> report = CrashReport.find(command, process.pid());
        if (report.isPresent()) {
            if (stderr.lines().stream().noneMatch(l -> l.startsWith(BANNER_MARK))) {
                CrashReport.banner(command, process.pid()).forEach(stderr::add);
            }
            if (report.get().getParent().equals(paths.root().toAbsolutePath().getParent())) {
                CrashReport.pruneBeside(report.get()); // only in the session directory: never in a folder of the caller's
            }
        }
        return report;
    }
}
