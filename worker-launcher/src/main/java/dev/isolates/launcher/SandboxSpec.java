package dev.isolates.launcher;

import java.util.List;
import java.util.Objects;

/**
 * The bubblewrap sandbox an isolate's JVM starts in, as the launcher needs it: paths as strings so the
 * value crosses JVMs in a spawn request.
 *
 * @param enabled        false for an isolate that runs outside any sandbox, by the caller's choice
 * @param network        true to keep the host's network; false gives the isolate a network namespace
 *                       with only a loopback interface of its own
 * @param readablePaths  files and folders the isolate may read, besides the JDK and its classpath
 * @param writablePaths  files and folders the isolate may read and write, besides its own channel
 * @param maxProcesses   the isolate's limit on processes and threads ({@code RLIMIT_NPROC}); 0 for none
 * @param maxOpenFiles   the isolate's limit on open files ({@code RLIMIT_NOFILE}); 0 for none
 */
public record SandboxSpec(boolean enabled, boolean network, List<String> readablePaths, List<String> writablePaths,
                          int maxProcesses, int maxOpenFiles) {
    /** No sandbox: the isolate runs as any other process of the user. */
    public static final SandboxSpec NONE = new SandboxSpec(false, false, List.of(), List.of(), 0, 0);

    public SandboxSpec {
        readablePaths = List.copyOf(Objects.requireNonNull(readablePaths, "readablePaths"));
        writablePaths = List.copyOf(Objects.requireNonNull(writablePaths, "writablePaths"));
        if (maxProcesses < 0 || maxOpenFiles < 0) {
            throw new IllegalArgumentException("limits must be 0 (none) or positive, were maxProcesses="
                    + maxProcesses + " maxOpenFiles=" + maxOpenFiles);
        }
    }
}
