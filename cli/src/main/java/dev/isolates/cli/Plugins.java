package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import dev.isolates.Sandbox;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Isolate options for code named on the command line: untrusted, sandboxed as asked, with its
 * classpath checked; never in-process, whatever {@code -Disolates.inProcess} says.
 */
final class Plugins {
    private Plugins() {
    }

    /**
     * @throws IllegalArgumentException if a {@code --classpath} entry does not exist, or this JVM runs
     *                                  isolates in-process by default
     */
    static IsolateOptions options(Console console, String className, String classpath, String maxHeap, List<String> jvmArgs,
                                  Duration timeout, Sandbox sandbox) {
        if (IsolateOptions.inProcessByDefault()) {
            throw new IllegalArgumentException("-D" + IsolateOptions.IN_PROCESS_PROPERTY + "=true is set, but "
                    + className + " is a plugin, which runs untrusted in a JVM of its own, never in-process;"
                    + " remove the property (from JAVA_TOOL_OPTIONS, say) and run again");
        }
        IsolateOptions.Builder b = IsolateOptions.builder()
                .debugName(className.substring(className.lastIndexOf('.') + 1))
                .untrusted(true)
                .sandbox(sandbox);
        if (classpath != null) {
            for (String entry : classpath.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = console.resolve(Path.of(entry));
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("--classpath entry " + p.toAbsolutePath() + " does not exist");
                }
                b.classpath(p.toAbsolutePath());
            }
        }
        if (maxHeap != null) {
            b.maxHeap(maxHeap);
        }
        b.jvmArgs(jvmArgs.toArray(new String[0]));
        if (timeout != null) {
            b.timeout(timeout);
        }
        return console.forPlugin(b, sandbox.enabled()).build();
    }
}
