package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real training run and a real cache, on the JDK running the tests when it has AOT caches (24 and
 * later; .ci/run runs the tests on a JDK 25 too): what the JVMs print stays off the program's output,
 * the cache is made by the assembling JVM, and the next JVM maps it.
 */
class AotCacheTrainingTest {
    private static final long WAIT_MILLIS = 120_000;

    @RegisterExtension
    final TemporaryArchiveFolder folder = new TemporaryArchiveFolder();

    @BeforeEach
    void needsAnAotJdk() {
        assumeTrue(ArchiveKind.forThisJdk() == ArchiveKind.AOT_CACHE,
                "AOT caches need JDK 24 or later; these tests run on " + Runtime.version());
    }

    @Test
    void shouldTrainQuietlyThenStartTheNextJvmFromTheCache() throws Exception {
        String cp = traineeJar().toString();
        List<String> flags = List.of("-XX:+UseSerialGC");
        AotCache.Plan training = (AotCache.Plan) AotCache.plan(flags, cp);
        List<String> stderr = new ArrayList<>();
        Run trained = run(flags, training, cp, stderr);
        assertEquals(0, trained.exitCode(), trained.stdout() + stderr);
        assertTrue(trained.stdout().matches("ab [^\n]*\n"), "only the program's line on stdout: " + trained.stdout());
        assertEquals(List.of(), stderr, "nothing of the JVM's on stderr");
        assertTrue(Files.isRegularFile(training.configuration()), "the training run recorded");

        training.afterExit(0);
        awaitCacheAndNoDumps(training.archive());

        ArchivePlan next = AotCache.plan(flags, cp);
        assertEquals("-XX:AOTCache=" + training.archive(), next.flags().get(0));
        Run mapped = run(flags, next, cp, stderr);
        assertEquals(0, mapped.exitCode(), mapped.stdout() + stderr);
        assertTrue(mapped.stdout().matches("ab [^\n]*sharing[^\n]*\n"),
                "the JVM maps the cache (without it, an AOTCache JVM shares nothing): " + mapped.stdout());
        assertEquals(List.of(), stderr);
    }

    @Test
    void shouldStartQuietlyWithoutACacheItRejects() throws Exception {
        String cp = traineeJar().toString();
        List<String> flags = List.of("-XX:+UseSerialGC");
        Path cut = Files.write(folder.scratch().resolve("cut-short.aot"), new byte[100_000]);
        List<String> stderr = new ArrayList<>();
        Run rejected = run(flags, new AotCache.Plan(List.of("-XX:AOTCache=" + cut, AotCache.quiet()), null, cut, null),
                cp, stderr);
        assertEquals(0, rejected.exitCode(), rejected.stdout() + stderr);
        assertTrue(rejected.stdout().matches("ab [^\n]*\n"), "only the program's line on stdout: " + rejected.stdout());
        assertFalse(rejected.stdout().contains("sharing"), rejected.stdout());
        assertEquals(List.of(), stderr);
    }

    private record Run(int exitCode, String stdout) {
    }

    private static Run run(List<String> flags, ArchivePlan plan, String cp, List<String> stderr) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.javaExecutable());
        cmd.addAll(flags);
        cmd.addAll(plan.flags());
        cmd.addAll(List.of("-cp", cp, AotTrainee.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        OutputTail err = OutputTail.start(p.getErrorStream(), "trainee", plan.stderrTo(stderr::add));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the trainee did not exit: " + cmd);
        }
        err.awaitEnd(5_000);
        return new Run(p.exitValue(), out);
    }

    private void awaitCacheAndNoDumps(Path cache) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> files = Files.list(folder.dir())) {
                List<String> dumps = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".dump-")).toList();
                if (Files.isRegularFile(cache) && dumps.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        try (Stream<Path> files = Files.list(folder.dir())) {
            throw new AssertionError("no cache at " + cache + " within " + WAIT_MILLIS + " ms; the folder holds "
                    + files.toList());
        }
    }

    /** A jar holding {@link AotTrainee}: caches are made only for classpaths of jars. */
    private Path traineeJar() throws Exception {
        Path jar = folder.scratch().resolve("trainee.jar");
        String entry = AotTrainee.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream in = AotTrainee.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
