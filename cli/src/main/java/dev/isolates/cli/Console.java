package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where one command reads and writes, and where it runs: this process's own streams and folder,
 * or those of a client the daemon serves. Immutable; the streams are the caller's to close.
 *
 * @param in               the command's standard input
 * @param out              its standard output; buffered, flushed by the command
 * @param err              its standard error
 * @param workingDirectory the folder relative paths on its command line are in; absolute
 * @param environment      variables its unsandboxed plugin isolates get on top of this JVM's own:
 *                         empty in-process, the client's in the daemon
 * @param stderrTerminal   whether {@code err} reaches a terminal (progress bars are drawn only then)
 * @param inProcess        whether the streams are this process's own, so its isolates' output
 *                         needs no redirection
 * @param jsonPools        where {@code json} gets its pool of isolates
 * @param pluginOutputs    where plugin isolates' output goes when not in-process; null in-process
 */
public record Console(InputStream in, PrintStream out, PrintStream err, Path workingDirectory,
                      Map<String, String> environment, boolean stderrTerminal, boolean inProcess,
                      JsonPools jsonPools, PluginOutputs pluginOutputs) {
    public Console {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("workingDirectory must be absolute, was " + workingDirectory);
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(jsonPools, "jsonPools");
        if (!inProcess) {
            Objects.requireNonNull(pluginOutputs, "pluginOutputs");
        }
    }

    /** This process's streams and folder, as a command run from a shell has them. */
    public static Console system() {
        return system(new FreshJsonPools());
    }

    /** As {@link #system()}, the json command's pools leased from {@code jsonPools}. */
    static Console system(JsonPools jsonPools) {
        return new Console(System.in, System.out, System.err, Path.of("").toAbsolutePath(), Map.of(),
                Progress.stderrIsTerminal(), true, jsonPools, null);
    }

    /** {@code path} as given on the command line, resolved against the working directory. */
    Path resolve(Path path) {
        return workingDirectory.resolve(path);
    }

    /**
     * The stream for commands that print a line per item: in-process a buffered stream on file
     * descriptor 1 (see {@link StandardOutput}), else {@link #out}, which is buffered already.
     */
    PrintStream lineOutput() {
        return inProcess ? StandardOutput.buffered() : out;
    }

    /**
     * Sends a plugin isolate's output to this console and, when it runs outside a sandbox, gives it
     * the client's environment and folder, as a process started from the client's shell would have.
     */
    IsolateOptions.Builder forPlugin(IsolateOptions.Builder options, boolean sandboxed) {
        if (!inProcess) {
            pluginOutputs.attach(options);
            if (!sandboxed) {
                options.environment(environment).workingDirectory(workingDirectory);
            }
        }
        return options;
    }
}
