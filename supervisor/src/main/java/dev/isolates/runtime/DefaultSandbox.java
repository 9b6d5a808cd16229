package dev.isolates.runtime;

import dev.isolates.launcher.Bubblewrap;
import dev.isolates.launcher.SandboxSpec;
import dev.isolates.Sandbox;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox of an isolate whose options name none: {@link Sandbox#strict()} for an untrusted one
 * where bubblewrap can sandbox it, else none, which is logged once per JVM with what to install.
 * Thread-safe.
 */
final class DefaultSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSandbox.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private DefaultSandbox() {
    }

    static SandboxSpec forIsolate(boolean untrusted) {
        if (!untrusted) {
            return SandboxSpec.NONE;
        }
        Bubblewrap bwrap = Bubblewrap.find();
        if (bwrap.usable()) {
            return SpawnSpec.spec(Sandbox.strict());
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("untrusted isolates run without a sandbox: {}; to run them so without this warning,"
                    + " say so: IsolateOptions.builder().sandbox(Sandbox.none())", bwrap.problem().orElseThrow());
        }
        return SandboxSpec.NONE;
    }
}
