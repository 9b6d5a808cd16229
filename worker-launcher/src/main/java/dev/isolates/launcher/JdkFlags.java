package dev.isolates.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every JVM that opens a channel needs, chosen by the running JDK: Chronicle Queue
 * fails to build, or silently turns read-only, without the opens and exports; Java 25 also wants
 * native access and Unsafe memory access allowed, flags that Java 17 refuses.
 */
public final class JdkFlags {
    /** Where the quiet Logback configuration lives, on every isolate's classpath. */
    public static final String LOGBACK_CONFIG = "dev/isolates/logback-isolates.xml";

    /**
     * Keeps SLF4J's own warnings, "No SLF4J providers were found" among them, off stderr: a JVM
     * whose classpath holds no logging backend then logs nothing, without a word.
     */
    public static final String SLF4J_WARNINGS_OFF = "-Dslf4j.internal.verbosity=ERROR";

    private JdkFlags() {
    }

    /** The module flags for the JDK with feature version {@code feature}. */
    public static List<String> moduleFlags(int feature) {
        List<String> flags = new ArrayList<>(List.of(
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED"));
        if (feature >= 24) {
            flags.add("--enable-native-access=ALL-UNNAMED");
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /** Module flags plus the system properties that keep Chronicle from reporting usage and Logback quiet. */
    public static List<String> embeddingFlags(int feature) {
        List<String> flags = moduleFlags(feature);
        flags.add("-Dchronicle.analytics.disable=true");
        flags.add("-Dchronicle.announcer.disable=true");
        flags.add("-Dlogback.configurationFile=" + LOGBACK_CONFIG);
        return flags;
    }

    /** {@link #embeddingFlags(int)} for the JDK running now. */
    public static List<String> forThisJdk() {
        return embeddingFlags(Runtime.version().feature());
    }
}
