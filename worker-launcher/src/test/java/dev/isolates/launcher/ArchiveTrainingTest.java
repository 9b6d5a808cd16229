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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real recording run and a real archive, of the kind the JDK running the tests makes (an AOT cache
 * on 24 and later, a class-data archive before; .ci/run runs the tests on a JDK 25 too): what the
 * JVMs print stays off the program's output, the archive is made by the assembling JVM, and the next
 * JVM maps it.
 */
class ArchiveTrainingTest {
    private static final long WAIT_MILLIS = 120_000;

    @RegisterExtension
    final TemporaryArchiveFolder folder = new TemporaryArchiveFolder();

    private static void needsAnAotJdk() {
        assumeTrue(ArchiveKind.forThisJdk() == ArchiveKind.AOT_CACHE,
                "AOT caches need JDK 24 or later; this test runs on " + Runtime.version());
    }

    @Test
    void shouldRecordQuietlyThenStartTheNextJvmFromTheClassDataArchive() throws Exception {
        assumeTrue(ArchiveKind.forThisJdk() == ArchiveKind.CLASS_DATA_ARCHIVE,
                "class-data archives are for JDKs before 24; this test runs on " + Runtime.version());
        String cp = traineeJar().toString();
        List<String> flags = List.of("-XX:+UseSerialGC");
        ClassDataArchive.Plan recording = (ClassDataArchive.Plan) ClassDataArchive.plan(flags, cp);
        runQuietly(flags, recording, cp);
        assertTrue(Files.readString(recording.classList()).contains(AotTrainee.class.getName().replace('.', '/')),
                "the class list names the jar's classes");

        recording.afterExit(0);
        awaitCacheAndNoDumps(recording.archive());

        ArchivePlan next = ClassDataArchive.plan(flags, cp);
        assertEquals("-XX:SharedArchiveFile=" + recording.archive(), next.flags().get(0));
        Path loads = folder.scratch().resolve("loads.txt");
        List<String> strict = List.of("-XX:+UseSerialGC", "-Xshare:on", "-Xlog:class+load=info:file=" + loads);
        List<String> stderr = new ArrayList<>();
        Run mapped = run(strict, next, cp, stderr);
        assertEquals(0, mapped.exitCode(), "a JVM with -Xshare:on starts only if it maps the archive: "
                + mapped.stdout() + stderr);
        assertTrue(mapped.stdout().matches("ab [^\n]*sharing[^\n]*\n"), mapped.stdout());
        assertEquals(List.of(), stderr);
        assertTrue(Files.readString(loads).contains(AotTrainee.class.getName() + " source: shared objects file"),
                "the jar's class comes from the archive");
    }

    @Test
    void shouldTrainQuietlyThenStartTheNextJvmFromTheCache() throws Exception {
        needsAnAotJdk();
        String cp = traineeJar().toString();
        List<String> flags = List.of("-XX:+UseSerialGC");
        AotCache.Plan training = (AotCache.Plan) AotCache.plan(flags, cp);
        runQuietly(flags, training, cp);
        assertTrue(Files.isRegularFile(training.configuration()), "the training run recorded");

        training.afterExit(0);
        awaitCacheAndNoDumps(training.archive());

        ArchivePlan next = AotCache.plan(flags, cp);
        assertEquals("-XX:AOTCache=" + training.archive(), next.flags().get(0));
        List<String> stderr = new ArrayList<>();
        Run mapped = run(flags, next, cp, stderr);
        assertEquals(0, mapped.exitCode(), mapped.stdout() + stderr);
        assertTrue(mapped.stdout().matches("ab [^\n]*sharing[^\n]*\n"),
                "the JVM maps the cache (without it, an AOTCache JVM shares nothing): " + mapped.stdout());
        assertEquals(List.of(), stderr);
    }

    @Test
    void shouldStartQuietlyWithoutACacheItRejects() throws Exception {
        needsAnAotJdk();
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

    /** Runs the recording JVM: it exits cleanly, and only the program's line comes out of it. */
    private static void runQuietly(List<String> flags, ArchivePlan plan, String cp) throws Exception {
        List<String> stderr = new ArrayList<>();
        Run recorded = run(flags, plan, cp, stderr);
        assertEquals(0, recorded.exitCode(), recorded.stdout() + stderr);
        assertTrue(recorded.stdout().matches("ab [^\n]*\n"), "only the program's line on stdout: " + recorded.stdout());
        assertEquals(List.of(), stderr, "nothing of the JVM's on stderr");
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
