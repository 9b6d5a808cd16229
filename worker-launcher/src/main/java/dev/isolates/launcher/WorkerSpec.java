package dev.isolates.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: the isolate's name and the JVM settings its options asked for, and where its
 * output goes.
 *
 * @param debugName    shown in errors, logs and the process list
 * @param maxHeap      the {@code -Xmx} value such as {@code 256m}, or null for the JVM's default
 * @param jvmArgs      extra JVM arguments, after the project's own so they can override them
 * @param classpath    entries added after the supervisor's own classpath
 * @param environment  variables added to the supervisor's environment
 * @param startTimeout how long the JVM may take to connect
 * @param sandbox      the bubblewrap sandbox it starts in, or {@link SandboxSpec#NONE}
 * @param output       where its stdout and stderr go, or null for the launcher's own sinks
 * @param directory    its working folder outside a sandbox, or null for the supervisor's
 * @param inProcess    true to run the worker as a thread of this JVM (for debugging), which ignores the
 *                     JVM settings, the sandbox, the output and the directory
 */
public record WorkerSpec(String debugName, String maxHeap, List<String> jvmArgs, List<Path> classpath,
                         Map<String, String> environment, Duration startTimeout, SandboxSpec sandbox,
                         WorkerOutput output, Path directory, boolean inProcess) {
    public WorkerSpec {
        Objects.requireNonNull(debugName, "debugName");
        Objects.requireNonNull(sandbox, "sandbox");
        jvmArgs = List.copyOf(jvmArgs);
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** A worker whose output goes to the launcher's sinks. */
    public WorkerSpec(String debugName, String maxHeap, List<String> jvmArgs, List<Path> classpath,
                      Map<String, String> environment, Duration startTimeout, SandboxSpec sandbox) {
        this(debugName, maxHeap, jvmArgs, classpath, environment, startTimeout, sandbox, null, null, false);
    }

    /** This spec with its output going to {@code to} (null: the launcher's sinks). */
    public WorkerSpec withOutput(WorkerOutput to) {
        return new WorkerSpec(debugName, maxHeap, jvmArgs, classpath, environment, startTimeout, sandbox, to, directory, inProcess);
    }

    /** This spec working in {@code folder} when it runs outside a sandbox (null: the supervisor's folder). */
    public WorkerSpec withDirectory(Path folder) {
        return new WorkerSpec(debugName, maxHeap, jvmArgs, classpath, environment, startTimeout, sandbox, output, folder, inProcess);
    }

    /** This spec run as a thread of this JVM ({@code true}) or as a JVM of its own. */
    public WorkerSpec withInProcess(boolean inThread) {
        return new WorkerSpec(debugName, maxHeap, jvmArgs, classpath, environment, startTimeout, sandbox, output,
                directory, inThread);
    }

    /** A worker outside any sandbox. */
    public WorkerSpec(String debugName, String maxHeap, List<String> jvmArgs, List<Path> classpath,
                      Map<String, String> environment, Duration startTimeout) {
        this(debugName, maxHeap, jvmArgs, classpath, environment, startTimeout, SandboxSpec.NONE);
    }
}
