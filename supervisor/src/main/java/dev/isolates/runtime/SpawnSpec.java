package dev.isolates.runtime;

import dev.isolates.IsolateOptions;
import dev.isolates.Sandbox;
import dev.isolates.SendPort;
import dev.isolates.launcher.SandboxSpec;
import dev.isolates.launcher.WorkerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link IsolateOptions} in a form that crosses JVMs (paths as strings), for spawns asked for by
 * workers.
 *
 * @param sandbox   the sandbox asked for, or null for the default (see {@link DefaultSandbox})
 * @param inProcess true to run the isolate as a thread of the supervisor's JVM
 */
public record SpawnSpec(String debugName, String maxHeap, List<String> jvmArgs, List<String> classpath,
                 Map<String, String> environment, boolean paused, boolean errorsAreFatal, SendPort onExitPort,
                 Object onExitResponse, SendPort onErrorPort, boolean untrusted,
                 long maxMessageSize, SandboxSpec sandbox, boolean inProcess) {

    public static SpawnSpec of(IsolateOptions o) {
        return new SpawnSpec(o.debugName().orElse(null), o.maxHeap().orElse(null), List.copyOf(o.jvmArgs()),
                o.classpath().stream().map(p -> p.toAbsolutePath().toString()).toList(), Map.copyOf(o.environment()),
                o.paused(), o.errorsAreFatal(), o.onExitPort().orElse(null), o.onExitResponse(),
                o.onErrorPort().orElse(null), o.untrusted(), o.maxMessageSize(),
                o.sandbox().map(SpawnSpec::spec).orElse(null), o.inProcess());
    }

    /** {@code sandbox} as the launcher takes it. */
    public static SandboxSpec spec(Sandbox sandbox) {
        if (!sandbox.enabled()) {
            return SandboxSpec.NONE;
        }
        return new SandboxSpec(true, sandbox.network(), strings(sandbox.readablePaths()),
                strings(sandbox.writablePaths()), sandbox.maxProcesses(), sandbox.maxOpenFiles());
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /**
     * This spec as asked for by an untrusted isolate sandboxed in {@code parent}: what it spawns is
     * untrusted too, in the same sandbox, with no larger a message limit, whatever it asked for.
     */
    public SpawnSpec confinedLike(SandboxSpec parent, long parentMaxMessageSize) {
        return new SpawnSpec(debugName, maxHeap, jvmArgs, classpath, environment, paused, errorsAreFatal, onExitPort,
                onExitResponse, onErrorPort, true, Math.min(maxMessageSize, parentMaxMessageSize), parent, false);
    }

    /** The sandbox the isolate starts in: the one asked for, else the default for its trust. */
    public SandboxSpec resolvedSandbox() {
        return sandbox != null ? sandbox : DefaultSandbox.forIsolate(untrusted);
    }

    public WorkerSpec workerSpec(String name, Duration startTimeout) {
        return new WorkerSpec(name, maxHeap, jvmArgs, classpath.stream().map(Path::of).toList(), environment,
                startTimeout, resolvedSandbox()).withInProcess(inProcess && !untrusted);
    }
}
