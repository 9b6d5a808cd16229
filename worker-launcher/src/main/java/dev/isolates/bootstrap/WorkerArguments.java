package dev.isolates.bootstrap;

import java.nio.file.Path;
import java.util.List;

/**
 * The program arguments of {@link WorkerMain}: where the isolate's channel is and who supervises it.
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

    /** The arguments as the launcher passes them on {@code WorkerMain}'s command line. */
    public List<String> toList() {
        return List.of(isolateDir.toString(), supervisorArena.toString(), workerArena.toString(),
                Long.toString(supervisorPid), debugName);
    }

    static WorkerArguments parse(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException("WorkerMain is started by the supervisor with 5 arguments, got "
                    + args.length + ": " + String.join(" ", args));
        }
        return new WorkerArguments(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]),
                args[4]);
    }
}
