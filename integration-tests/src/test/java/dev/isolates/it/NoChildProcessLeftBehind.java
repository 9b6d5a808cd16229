package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when, after all its tests, a process it started below this JVM still runs:
 * every isolate must end when its call has ended, whatever way it ended. Isolates asked to shut
 * down take a moment to exit, hence the bounded wait.
 */
public final class NoChildProcessLeftBehind implements AfterAllCallback {
    static final Duration GRACE = Duration.ofSeconds(20);

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> left = Processes.awaitNoDescendants(GRACE);
        assertEquals(List.of(), left, "processes still running below the test JVM after "
                + context.getDisplayName() + " (waited " + GRACE.toSeconds() + " s)");
    }
}
