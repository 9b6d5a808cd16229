package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.launcher.JdkFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program run as {@code mvn exec:java} runs it, its {@code java.class.path} lacking the library
 * and the library and its own classes loaded through a class loader of their own, starts isolates:
 * they get the classpath the library and the program were really loaded from.
 */
class WorkersGetTheClasspathTheLibraryWasLoadedFromTest {
    @TempDir
    Path scratch;

    @Test
    void shouldRunAnIsolateWhenTheLibraryLoadedThroughAUrlClassLoader() throws Exception {
        try (OutsideJvm jvm = OutsideJvm.start(scratch, execJavaLike("run"))) {
            List<String> lines = jvm.awaitOutput(Duration.ofSeconds(90));

            assertEquals("value 42", jvm.value(lines, "outcome"), jvm.report());
        }
    }

    @Test
    void shouldRunAPoolTaskWhenTheLibraryLoadedThroughAUrlClassLoader() throws Exception {
        try (OutsideJvm jvm = OutsideJvm.start(scratch, execJavaLike("pool"))) {
            List<String> lines = jvm.awaitOutput(Duration.ofSeconds(90));

            assertEquals("value 42", jvm.value(lines, "outcome"), jvm.report());
            assertEquals("false", jvm.value(lines, "pool-failed"), jvm.report());
        }
    }

    private List<String> execJavaLike(String mode) throws Exception {
        Path launcherHome = Path.of(ExecJavaLikeLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> args = new ArrayList<>(JdkFlags.forThisJdk());
        args.add("-Disolates.session.base=" + scratch.resolve("sessions"));
        args.add("-Disolates.run.spares=0");
        args.add("-cp");
        args.add(launcherHome.toString()); // the launcher only: no library, as under Maven's own classpath
        args.add(ExecJavaLikeLauncher.class.getName());
        args.add(System.getProperty("java.class.path"));
        args.add(EmbeddingProgram.class.getName());
        args.add(mode);
        return args;
    }
}
