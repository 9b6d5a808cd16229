package dev.isolates.scripts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole command as the cli and cluster sections run it: {@code env} added to its environment, no
 * input, stderr dropped, stdout to a file or dropped. Stateless.
 */
final class WholeCommand {
    private WholeCommand() {
    }

    /** Starts {@code command}; its stdout goes to {@code out}, or is dropped when that is null. */
    static Process start(List<String> command, Path out, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The exit code of {@code command}, its output dropped. */
    static int exitCode(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return start(command, null, env).waitFor();
    }

    /**
     * Nanoseconds from start to exit of {@code command}; an exit code other than 0 stops the bench,
     * except from a {@code stop}, which has nothing to stop when no daemon runs.
     */
    static long time(List<String> command, Path out, Map<String, String> env) throws IOException, InterruptedException {
        long t = System.nanoTime();
        int code = start(command, out, env).waitFor();
        long took = System.nanoTime() - t;
        if (code != 0 && !command.contains("stop")) {
            throw new IllegalStateException("exit code " + code + " from " + String.join(" ", command));
        }
        return took;
    }
}
