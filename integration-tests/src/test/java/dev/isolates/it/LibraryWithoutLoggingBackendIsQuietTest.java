package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolates;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library brings no logging backend: a program whose classpath holds none (this test's
 * classpath without Logback), started with {@link Isolates#jvmOptions()}, runs an isolate that
 * logs a warning, and neither JVM prints a word about logging.
 */
class LibraryWithoutLoggingBackendIsQuietTest {

    /** The program: logs in its own JVM and in an isolate, prints both JVMs' SLF4J logger factories. */
    public static final class Program {
        public static void main(String[] args) throws Exception {
            org.slf4j.LoggerFactory.getLogger(Program.class).warn("a warning in the program");
            String worker = Isolates.run(() -> {
                org.slf4j.LoggerFactory.getLogger(Program.class).warn("a warning in the isolate");
                return org.slf4j.LoggerFactory.getILoggerFactory().getClass().getSimpleName();
            }).get(60, TimeUnit.SECONDS);
            System.out.println("program " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getSimpleName());
            System.out.println("isolate " + worker);
            System.exit(0);
        }
    }

    @Test
    void shouldRunAnIsolateWithoutAnySlf4jWarningWhenNoBackendIsOnTheClasspath(@TempDir Path dir) throws Exception {
        String withoutLogback = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("logback-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(withoutLogback.contains("logback"), withoutLogback);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Isolates.jvmOptions());
        command.add("-Disolates.session.base=" + dir);
        command.add("-Disolates.run.spares=0");
        command.add("-cp");
        command.add(withoutLogback);
        command.add(Program.class.getName());
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process program = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(program.waitFor(90, TimeUnit.SECONDS), "the program pid " + program.pid() + " ended");
        } finally {
            program.destroyForcibly();
            program.waitFor(30, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, program.exitValue(), stdout + stderr);
        assertEquals(List.of("program NOPLoggerFactory", "isolate NOPLoggerFactory"), stdout.lines().toList(), stderr);
        assertFalse(stderr.contains("SLF4J"), stderr);
        assertFalse(stderr.contains("a warning in"), stderr);
    }
}
