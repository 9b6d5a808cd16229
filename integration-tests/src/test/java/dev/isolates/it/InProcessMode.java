package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.IsolateOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reruns an API test class with its isolates in-process: sets {@code -Disolates.inProcess=true} for the
 * class's tests, as a developer would on the command line, and fails the class if an in-process
 * isolate's thread outlives them. Tests whose meaning needs a JVM of its own skip themselves with
 * {@link #on()}.
 */
final class InProcessMode implements BeforeAllCallback, AfterAllCallback {
    private static final Duration GRACE = Duration.ofSeconds(20);

    /** {@return true while a test class runs in-process} */
    static boolean on() {
        return IsolateOptions.inProcessByDefault();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(IsolateOptions.IN_PROCESS_PROPERTY, "true");
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        System.clearProperty(IsolateOptions.IN_PROCESS_PROPERTY);
        List<String> left = InProcessThreads.awaitNone(GRACE);
        assertEquals(List.of(), left, "in-process isolate threads still running after " + context.getDisplayName());
    }
}
