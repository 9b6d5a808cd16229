package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdkFlagsTest {
    private static final List<String> JAVA_17_MODULE_FLAGS = List.of(
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");

    @Test
    void shouldGiveJava17OnlyTheOpensAndExports() {
        List<String> flags = JdkFlags.moduleFlags(17);
        assertEquals(JAVA_17_MODULE_FLAGS, flags);
        assertFalse(flags.contains("--enable-native-access=ALL-UNNAMED"), "Java 17 refuses it");
        assertFalse(flags.contains("--sun-misc-unsafe-memory-access=allow"), "Java 17 refuses it");
    }

    @Test
    void shouldGiveJava25NativeAndUnsafeAccessToo() {
        List<String> expected = new ArrayList<>(JAVA_17_MODULE_FLAGS);
        expected.add("--enable-native-access=ALL-UNNAMED");
        expected.add("--sun-misc-unsafe-memory-access=allow");
        assertEquals(expected, JdkFlags.moduleFlags(25));
    }

    @Test
    void shouldAddQuietingPropertiesForEmbedding() {
        List<String> flags = JdkFlags.embeddingFlags(17);
        assertEquals(JAVA_17_MODULE_FLAGS, flags.subList(0, JAVA_17_MODULE_FLAGS.size()));
        assertTrue(flags.contains("-Dchronicle.analytics.disable=true"));
        assertTrue(flags.contains("-Dchronicle.announcer.disable=true"));
        assertTrue(flags.contains("-Dlogback.configurationFile=" + JdkFlags.LOGBACK_CONFIG));
        assertEquals(JAVA_17_MODULE_FLAGS.size() + 3, flags.size());
    }

    @Test
    void shouldChooseFlagsByRunningJdk() {
        assertEquals(JdkFlags.embeddingFlags(Runtime.version().feature()), JdkFlags.forThisJdk());
    }

    @Test
    void shouldAgreeWithFlagsTheBuildStartsTestJvmsWith() {
        List<String> thisJvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : JdkFlags.forThisJdk()) {
            assertTrue(thisJvm.contains(flag), flag + " is missing from the surefire argLine " + thisJvm);
        }
    }

    @Test
    void shouldBeAcceptedByRunningJava() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JdkFlags.forThisJdk());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }
}
