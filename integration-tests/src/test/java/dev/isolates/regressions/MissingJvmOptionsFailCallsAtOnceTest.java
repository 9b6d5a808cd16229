package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.launcher.JdkFlags;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program started without the JVM options the library needs ({@code java -cp ... App}, no
 * {@code $(isolatectl jvm-options)}) gets every call failed at once with an exception naming the
 * missing options and how to pass them, instead of futures that never complete; and the manifest
 * way the exception names, {@code Add-Opens}/{@code Add-Exports} in a jar run by plain
 * {@code java -jar}, really works.
 */
class MissingJvmOptionsFailCallsAtOnceTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path scratch;

    @Test
    void shouldFailARunAtOnceNamingTheMissingOptions() throws Exception {
        try (OutsideJvm jvm = OutsideJvm.start(scratch, withoutOptions("run"))) {
            List<String> lines = jvm.awaitOutput(LIMIT);

            assertEquals("failed dev.isolates.MissingJvmOptionsException", jvm.value(lines, "outcome"), jvm.report());
            String message = jvm.value(lines, "message");
            assertTrue(message.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED"), message);
            assertTrue(message.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), message);
            assertTrue(message.contains("argLine"), message);
            assertTrue(message.contains(".mvn/jvm.config"), message);
            assertTrue(message.contains("Add-Opens: java.base/java.lang.reflect"), message);
        }
    }

    @Test
    void shouldFailAPoolsTasksAtOnceAndReportThePoolFailed() throws Exception {
        try (OutsideJvm jvm = OutsideJvm.start(scratch, withoutOptions("pool"))) {
            List<String> lines = jvm.awaitOutput(LIMIT);

            assertEquals("failed dev.isolates.MissingJvmOptionsException", jvm.value(lines, "outcome"), jvm.report());
            assertEquals("true", jvm.value(lines, "pool-failed"), jvm.report());
        }
    }

    @Test
    void shouldRunIsolatesFromAJarWhoseManifestOpensThePackages() throws Exception {
        Path jar = scratch.resolve("app.jar");
        writeJar(jar, manifest());

        try (OutsideJvm jvm = OutsideJvm.start(scratch, List.of("-Disolates.session.base=" + scratch.resolve("sessions"),
                "-jar", jar.toString(), "run"))) {
            List<String> lines = jvm.awaitOutput(LIMIT);

            assertEquals("value 42", jvm.value(lines, "outcome"), jvm.report());
        }
    }

    private List<String> withoutOptions(String mode) {
        return List.of("-Disolates.session.base=" + scratch.resolve("sessions"), "-Disolates.run.spares=0",
                "-cp", System.getProperty("java.class.path"), EmbeddingProgram.class.getName(), mode);
    }

    /** What a user puts in an executable jar: the main class, the classpath, the opens and exports. */
    private static Manifest manifest() {
        List<String> opens = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        for (String flag : JdkFlags.moduleFlags(Runtime.version().feature())) {
            if (flag.startsWith("--add-opens=")) {
                opens.add(flag.substring("--add-opens=".length(), flag.lastIndexOf('=')));
            } else if (flag.startsWith("--add-exports=")) {
                exports.add(flag.substring("--add-exports=".length(), flag.lastIndexOf('=')));
            }
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, EmbeddingProgram.class.getName());
        main.put(Attributes.Name.CLASS_PATH, classPathAttribute());
        main.putValue("Add-Opens", String.join(" ", opens));
        main.putValue("Add-Exports", String.join(" ", exports));
        if (Runtime.version().feature() >= 22) {
            main.putValue("Enable-Native-Access", "ALL-UNNAMED");
        }
        return manifest;
    }

    /** This JVM's classpath as the manifest's URLs: directories end with a slash. */
    private static String classPathAttribute() {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            urls.add(p.toUri().toString());
        }
        return String.join(" ", urls);
    }

    private static void writeJar(Path jar, Manifest manifest) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar: its classes come from the Class-Path entries
        }
    }
}
