package dev.isolates.scripts;

import dev.isolates.IsolateTask;
import java.util.List;

/** The trivial plugin the cli section runs: {@code isolatectl run --classpath SCRIPTS_JAR dev.isolates.scripts.TrivialTask}. */
public final class TrivialTask implements IsolateTask {
    @Override
    public Object run(List<String> args) {
        return 1;
    }
}
