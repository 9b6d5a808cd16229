package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.isolates.launcher.JdkFlags;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a JDK 25, the first supervisor's isolate trains an AOT cache and the next supervisor's isolate
 * starts from it, with nothing of the JVMs' on either program's output. The JDK is
 * {@code -Disolates.test.jdk25=JDK_HOME}, else the one running the tests if it is a 25, else one
 * under {@code /usr/lib/jvm}; without one, the test is skipped and says so.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolateAotCacheTest {
    private static final long RUN_SECONDS = 180;
    private static final long CACHE_WAIT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void shouldStartTheSecondSupervisorsIsolateFromTheCacheTheFirstTrained() throws Exception {
        Optional<Path> jdk = jdk25();
        assumeTrue(jdk.isPresent(), "no JDK 25 found (-Disolates.test.jdk25, the running JDK, /usr/lib/jvm/*25*): "
                + "the AOT cache test is skipped");
        Optional<String> classpath = jarClasspath();
        assumeTrue(classpath.isPresent(), "the library is on the classpath as folders, not jars (run mvn verify, "
                + "not mvn test): AOT caches are made only for jars, so the AOT cache test is skipped");
        Path cds = dir.resolve("cds");

        Result first = run(jdk.get(), classpath.get(), cds, "train");
        assertEquals(1, first.stdout().size(), first.toString());
        assertTrue(first.stdout().get(0).startsWith("facts training "), first.toString());
        assertFalse(first.stderr().contains("AOT"), "nothing of the JVM's on stderr: " + first);
        // The program exited right after its isolate answered; the cache is made after it, all the same.
        assertTrue(awaitCache(cds).matches("[0-9a-f]{24}\\.aot"), "a cache in " + cds);

        Result second = run(jdk.get(), classpath.get(), cds, "use");
        assertEquals(1, second.stdout().size(), second.toString());
        assertTrue(second.stdout().get(0).matches("facts mapped .*sharing.*"),
                "the isolate maps the cache (a JVM given one it rejects shares nothing): " + second);
        assertFalse(second.stderr().contains("AOT"), second.toString());
        try (Stream<Path> files = Files.list(cds)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".dump-")).toList(),
                    "no dump left behind");
        }
    }

    private record Result(List<String> stdout, String stderr) {
    }

    /** The name of the first AOT cache in {@code dir}, once there is one; "none" after {@value #CACHE_WAIT_SECONDS} s. */
    private static String awaitCache(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CACHE_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    Optional<Path> cache = files.filter(p -> p.getFileName().toString().endsWith(".aot")).findFirst();
                    if (cache.isPresent()) {
                        return cache.get().getFileName().toString();
                    }
                }
            }
            Thread.sleep(100);
        }
        return "none";
    }

    private Result run(Path jdk, String classpath, Path cds, String mode) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.resolve("bin").resolve("java").toString());
        cmd.addAll(JdkFlags.embeddingFlags(25));
        cmd.add("-Disolates.cds.dir=" + cds);
        cmd.add("-Disolates.session.base=" + Files.createDirectories(dir.resolve("sessions")));
        cmd.add("-Disolates.run.spares=0");
        cmd.addAll(List.of("-cp", classpath, AotCacheProgram.class.getName(), mode));
        Path out = dir.resolve(mode + ".stdout");
        Path err = dir.resolve(mode + ".stderr");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new AssertionError(mode + " run did not end within " + RUN_SECONDS + " s: " + Files.readString(err));
        }
        Result result = new Result(Files.readAllLines(out), Files.readString(err));
        assertEquals(0, p.exitValue(), mode + " run: " + result);
        return result;
    }

    /** The jars of this JVM's classpath and a jar of {@link AotCacheProgram}; empty when the library is not in jars. */
    private Optional<String> jarClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        if (entries.stream().noneMatch(e -> Path.of(e).getFileName().toString().startsWith("isolates-supervisor"))) {
            return Optional.empty();
        }
        Path jar = dir.resolve("program.jar");
        String name = AotCacheProgram.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file);
             InputStream in = AotCacheProgram.class.getClassLoader().getResourceAsStream(name)) {
            zip.putNextEntry(new JarEntry(name));
            in.transferTo(zip);
            zip.closeEntry();
        }
        entries.add(jar.toString());
        return Optional.of(String.join(File.pathSeparator, entries));
    }

    private static Optional<Path> jdk25() throws IOException {
        String configured = System.getProperty("isolates.test.jdk25");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() == 25) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> h.getFileName().toString().contains("25"))
                    .filter(h -> Files.isExecutable(h.resolve("bin").resolve("java")))
                    .filter(IsolateAotCacheTest::isJdk25)
                    .sorted()
                    .findFirst();
        }
    }

    private static boolean isJdk25(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().anyMatch(l -> l.startsWith("JAVA_VERSION=\"25"));
        } catch (IOException e) {
            return false;
        }
    }
}
