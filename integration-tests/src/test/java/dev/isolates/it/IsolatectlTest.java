package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/isolatectl} as a user runs it: help, version, and what an embedding program needs. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path ISOLATECTL = ROOT.resolve("scripts").resolve("isolatectl");

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, java.util.Map.of());
    }

    static Result run(Path dir, List<String> command, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Isolatectl.environment(builder.environment(), dir);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Result isolatectl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ISOLATECTL.toString()));
        command.addAll(Arrays.asList(args));
        return run(dir, command);
    }

    @Test
    void shouldMakeAClassDataArchiveForItsOwnJvmAndUseItFromTheRunAfter(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa")),
                "this JDK has no base class-data archive to build on");
        Path archives = dir.resolve("cache").resolve("isolates").resolve("cds").resolve("isolatectl");

        Result first = isolatectl(dir, "jvm-options");
        assertEquals(0, first.exitCode(), first.stderr());
        List<String> dumped = names(archives);
        assertEquals(2, dumped.size(), "the dump and the marker of a run that did its work: " + dumped);
        assertTrue(dumped.get(0).matches("jvm-options-[0-9a-f]{24}\\.jsa\\.dump-[0-9]+"), dumped.toString());
        assertEquals(dumped.get(0) + ".ok", dumped.get(1));

        Result second = isolatectl(dir, "jvm-options");
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(first.stdout(), second.stdout(), "the archive adds nothing to what the command prints");
        List<String> adopted = names(archives);
        assertEquals(List.of(dumped.get(0).replaceAll("\\.dump-[0-9]+$", "")), adopted);
        long adoptedAt = Files.getLastModifiedTime(archives.resolve(adopted.get(0))).toMillis();

        Path loaded = dir.resolve("class-load.log");
        Result third = run(dir, List.of(ISOLATECTL.toString(), "jvm-options"),
                java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded));
        assertEquals(0, third.exitCode(), third.stderr());
        assertTrue(Files.readString(loaded).contains("source: shared objects file (top)"),
                "classes come from the isolatectl archive");
        assertEquals(adopted, names(archives));
        assertEquals(adoptedAt, Files.getLastModifiedTime(archives.resolve(adopted.get(0))).toMillis());
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldPrintVersionAndHelp(@TempDir Path dir) throws Exception {
        Result version = isolatectl(dir, "--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertTrue(version.stdout().startsWith("isolatectl "), version.stdout());

        Result help = isolatectl(dir, "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("classpath") && help.stdout().contains("jvm-options"), help.stdout());
        assertTrue(help.stdout().contains("isolatectl jvm-options"), "help shows the embedding example");
    }

    @Test
    void shouldExitWithUsageCodeAndAHintOnAnUnknownCommand(@TempDir Path dir) throws Exception {
        Result r = isolatectl(dir, "frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("frobnicate") && r.stderr().contains("--help"), r.stderr());
        assertTrue(!r.stderr().contains("\tat "), "no stack trace for a usage error: " + r.stderr());
    }

    @Test
    void shouldPrintWhatAnEmbeddingProgramNeedsAndThatProgramShouldRun(@TempDir Path dir) throws Exception {
        Result classpath = isolatectl(dir, "classpath");
        Result options = isolatectl(dir, "jvm-options");
        assertEquals(0, classpath.exitCode(), classpath.stderr());
        assertEquals(0, options.exitCode(), options.stderr());
        String cp = classpath.stdout().trim();
        assertTrue(cp.contains("chronicle-queue") && cp.contains("kryo") && cp.contains("isolates-supervisor"), cp);
        for (String commandLineOnly : List.of("isolates-cli", "picocli", "jackson", "logback")) {
            assertFalse(cp.contains(commandLineOnly), "the library's classpath has no " + commandLineOnly + ": " + cp);
        }
        assertTrue(options.stdout().contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), options.stdout());

        Path src = dir.resolve("App.java");
        Files.writeString(src, String.join("\n",
                "import dev.isolates.Isolates;",
                "public class App {",
                "  public static void main(String[] args) throws Exception {",
                "    int base = 41;",
                "    long me = ProcessHandle.current().pid();",
                "    long[] there = Isolates.run(() -> new long[] {base + 1, ProcessHandle.current().pid()}).get();",
                "    System.out.println(\"answer \" + there[0] + (there[1] != me ? \" from another JVM\" : \" from this JVM\"));",
                "  }",
                "}"), StandardCharsets.UTF_8);
        Path classes = Files.createDirectory(dir.resolve("classes"));
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", cp, "-d", classes.toString(),
                src.toString());
        assertEquals(0, javac, "App.java compiles against the printed classpath");
        Path jar = dir.resolve("app.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("App.class"));
            out.write(Files.readAllBytes(classes.resolve("App.class")));
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(options.stdout().trim().split("\\s+")));
        command.add("-Disolates.cds.dir=none"); // leave no class-data archive behind
        command.add("-Disolates.session.base=" + dir);
        command.add("-cp");
        command.add(cp + ":" + jar);
        command.add("App");
        Result app = run(dir, command);
        assertEquals(0, app.exitCode(), app.stderr());
        assertEquals("answer 42 from another JVM", app.stdout().trim(), app.stderr());
        assertEquals("", app.stderr(), "no Chronicle banner or log noise");
    }
}
