package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class's {@code isolatectl} commands ({@link Isolatectl#run} and the runs that take
 * {@link Isolatectl#environment}) through a daemon in a folder of the class's own, and stops that
 * daemon after the class. A subclass of an in-process test class with this extension checks that
 * output, exit codes and stdin streaming are the same with the daemon.
 */
public final class ThroughDaemon implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ThroughDaemon.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path work = Files.createTempDirectory("isolatectl-daemon-work");
        DaemonFolder folder = DaemonFolder.create(work);
        context.getStore(NAMESPACE).put("folder", folder);
        context.getStore(NAMESPACE).put("work", work);
        Isolatectl.useDaemon(folder.path(), work.resolve("cache"));
        // started now, so that the class's first command too goes through it
        Isolatectl.Result started = Isolatectl.run(work, "daemon", "start");
        assertEquals(0, started.exitCode(), started.printed());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Isolatectl.useDaemon(null, null);
        // removed, not read: the store would close the folder again once the class is done
        DaemonFolder folder = context.getStore(NAMESPACE).remove("folder", DaemonFolder.class);
        Path work = context.getStore(NAMESPACE).remove("work", Path.class);
        try {
            folder.close();
        } finally {
            DaemonFolder.deleteTree(work);
        }
    }
}
