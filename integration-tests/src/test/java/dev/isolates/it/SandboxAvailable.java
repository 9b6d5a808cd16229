package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isolates.launcher.Bubblewrap;

/** Sandbox tests run where bubblewrap works; on CI (CI=true), which installs it, they must. */
final class SandboxAvailable {
    private SandboxAvailable() {
    }

    static void require() {
        Bubblewrap bwrap = Bubblewrap.find();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(bwrap.usable(), "CI installs bubblewrap, yet: " + bwrap.problem().orElse(""));
        }
        assumeTrue(bwrap.usable(), () -> "no sandbox here: " + bwrap.problem().orElse(""));
    }
}
