package dev.isolates.runtime;

import dev.isolates.IsolateOptions;
import dev.isolates.SendPort;
import dev.isolates.launcher.WorkerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link IsolateOptions} in a form that crosses JVMs (paths as strings), for spawns asked for by
 * workers.
 */
public record SpawnSpec(String debugName, String maxHeap, List<String> jvmArgs, List<String> classpath,
                 Map<String, String> environment, boolean paused, boolean errorsAreFatal, SendPort onExitPort,
                 Object onExitResponse, SendPort onErrorPort, boolean untrusted,
                 long maxMessageSize) {

    public static SpawnSpec of(IsolateOptions o) {
        return new SpawnSpec(o.debugName().orElse(null), o.maxHeap().orElse(null), List.copyOf(o.jvmArgs()),
                o.classpath().stream().map(p -> p.toAbsolutePath().toString()).toList(), Map.copyOf(o.environment()),
                o.paused(), o.errorsAreFatal(), o.onExitPort().orElse(null), o.onExitResponse(),
                o.onErrorPort().orElse(null), o.untrusted(), o.maxMessageSize());
    }

    public WorkerSpec workerSpec(String name, Duration startTimeout) {
        return new WorkerSpec(name, maxHeap, jvmArgs, classpath.stream().map(Path::of).toList(), environment,
                startTimeout);
    }
}
