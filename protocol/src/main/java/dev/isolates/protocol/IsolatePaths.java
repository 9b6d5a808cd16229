package dev.isolates.protocol;

import java.nio.file.Path;

/**
 * The files of one isolate inside the session directory: the queue the supervisor writes
 * ({@code in}), the queue the worker writes ({@code out}), the wake flags both map, and the doorbell
 * socket.
 *
 * @param root     the isolate's folder
 * @param inQueue  supervisor to worker
 * @param outQueue worker to supervisor
 * @param wakeFlags the small mapped file where each side says it is parked
 * @param doorbell the Unix domain socket that wakes a parked reader
 */
public record IsolatePaths(Path root, Path inQueue, Path outQueue, Path wakeFlags, Path doorbell) {

    /** The isolate's number in its session: its folder is {@code w<number>}; the main isolate is 0. */
    public int id() {
        String name = root.getFileName().toString();
        if (name.length() < 2 || name.charAt(0) != 'w') {
            throw new IllegalStateException("not an isolate folder: " + root);
        }
        return Integer.parseInt(name.substring(1));
    }

    /** The standard layout under {@code root}. */
    public static IsolatePaths of(Path root) {
        return new IsolatePaths(root, root.resolve("in"), root.resolve("out"), root.resolve("wake"),
                root.resolve("bell.sock"));
    }
}
