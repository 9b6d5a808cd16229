package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isolates.Isolates;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs every Java example of {@code README.md} and {@code docs/*.md}, so the manual
 * cannot drift from the library.
 *
 * <p>Every fenced block that opens with {@code ```java} is an example; blocks in other languages
 * ({@code sh}, {@code text}, none) are not. An example is one of two kinds:
 * <ul>
 *   <li>a <em>declaration</em>: after its comments it starts with a {@code package} line, or, after
 *   its imports, with a {@code public} type. It is compiled as it stands, and run when it declares a
 *   {@code public static void main}; a JUnit test class (one with {@code @Test} methods, such as the
 *   guide's {@code @Isolated} example) is run through the JUnit Platform ({@link JUnitClassLauncher})
 *   and fails unless it has tests and all of them pass.</li>
 *   <li><em>statements</em>: anything else (a record declared before the statements is a local
 *   record). Its {@code import} lines stay imports; the rest becomes
 *   the body of {@code public static void main(String[] args) throws Exception} in a class of its
 *   own, and that class is run. The hidden prefix, which the README and the guide state, imports
 *   {@code dev.isolates.*}, {@code java.util.*}, {@code java.util.concurrent.*}, {@code java.time.*},
 *   {@code java.nio.*} and {@code java.nio.file.*}.</li>
 * </ul>
 * Each example is compiled with the system Java compiler against this JVM's {@code java.class.path}
 * and run in a JVM of its own, started as a user's program would be: the JDK's {@code java}, the
 * options {@link Isolates#jvmOptions()} names, this classpath plus the example's classes (so its
 * isolates can load the lambdas it sends them), spares off (no prestarted isolate outlives the
 * example), and its sessions under a fresh folder of the test's. The example fails when it does not
 * compile, when its JVM exits with a code other than 0 (an exception thrown out of {@code main}), or
 * when it runs past a bound, and it must leave no session directory behind.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class DocumentationExamplesTest {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern TYPE = Pattern.compile(
            "^(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    private static final String PREFIX = String.join("\n",
            "import dev.isolates.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.time.*;",
            "import java.nio.*;",
            "import java.nio.file.*;");
    private static final Pattern TEST_METHOD = Pattern.compile("^\\s*@(?:org\\.junit\\.jupiter\\.api\\.)?Test\\b", Pattern.MULTILINE);
    private static final long RUN_BOUND_SECONDS = 120;

    @TempDir
    Path scratch;

    /** A Java block of a Markdown file: where it starts, for the test's name, and its text. */
    record Example(Path file, int line, String code) {
        String name() {
            return Isolatectl.ROOT.relativize(file) + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaExampleCompilesAndRuns() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path file : documents()) {
            examples.addAll(javaBlocks(file));
        }
        assertFalse(examples.isEmpty(), "no ```java block in " + documents());
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.name(), () -> compileAndRun(example)));
    }

    @Test
    void shouldFailATestClassExampleWhoseTestFailsInItsIsolate() throws Exception {
        Example failing = new Example(Isolatectl.ROOT.resolve("docs").resolve("guide.md"), 0, """
                package com.example;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import dev.isolates.junit.Isolated;
                import org.junit.jupiter.api.Test;

                class MiscountedTest {
                    @Test
                    @Isolated(timeout = 30)
                    void countsWrongInItsOwnJvm() {
                        assertEquals(7, java.util.stream.IntStream.of(1, 2, 3).sum());
                    }
                }
                """);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> compileAndRun(failing));
        assertTrue(failure.getMessage().contains("countsWrongInItsOwnJvm") && failure.getMessage().contains("expected: <7>"),
                failure.getMessage());
    }

    private static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Isolatectl.ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(Isolatectl.ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<Example> javaBlocks(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Example> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            boolean java = open.group(2).equals("java");
            int start = i + 1;
            StringBuilder code = new StringBuilder();
            for (i = start; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
                String line = lines.get(i);
                code.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
            }
            if (i == lines.size()) {
                fail(file + ":" + start + ": a code block that is never closed");
            }
            if (java) {
                blocks.add(new Example(file, start, code.toString()));
            }
        }
        return blocks;
    }

    private void compileAndRun(Example example) throws Exception {
        Path dir = Files.createTempDirectory(scratch, "example-");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Source source = source(example, "Example" + example.line());
        Path file = sources.resolve(source.typeName() + ".java");
        Files.writeString(file, source.text());
        compile(example, file, classes);
        if (source.mainClass() != null) {
            run(example, source, classes, dir);
        }
    }

    /**
     * The compilation unit of an example, and the class to run (null: none has a {@code main} and it
     * is no test class); {@code tests}: that class is a JUnit test class, run by {@link JUnitClassLauncher}.
     */
    record Source(String typeName, String text, String mainClass, boolean tests) {
    }

    static Source source(Example example, String wrapperName) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        String firstCode = null;
        String packageName = null;
        for (String line : example.code().split("\n", -1)) {
            String trimmed = line.strip();
            if (firstCode == null && (trimmed.isEmpty() || trimmed.startsWith("//") || trimmed.startsWith("/*")
                    || trimmed.startsWith("*"))) {
                body.add(line);
                continue;
            }
            if (trimmed.startsWith("package ")) {
                packageName = trimmed.substring("package ".length(), trimmed.indexOf(';')).strip();
                firstCode = trimmed;
                continue;
            }
            if (trimmed.startsWith("import ")) {
                imports.add(trimmed);
                continue;
            }
            if (firstCode == null) {
                firstCode = trimmed;
            }
            body.add(line);
        }
        Matcher type = TYPE.matcher(firstCode == null ? "" : firstCode);
        boolean declaration = packageName != null || (firstCode != null && firstCode.startsWith("public ") && type.find());
        if (declaration) {
            Matcher first = TYPE.matcher("");
            String name = null;
            for (String line : body) {
                if (first.reset(line.strip()).find()) {
                    name = first.group(1);
                    break;
                }
            }
            assertTrue(name != null, example.name() + ": a declaration example without a type");
            boolean hasMain = example.code().contains("public static void main(");
            boolean tests = !hasMain && TEST_METHOD.matcher(example.code()).find();
            String qualified = packageName == null ? name : packageName + "." + name;
            return new Source(name, example.code(), hasMain || tests ? qualified : null, tests);
        }
        StringBuilder text = new StringBuilder(PREFIX).append('\n');
        imports.forEach(i -> text.append(i).append('\n'));
        text.append("public class ").append(wrapperName).append(" {\n")
                .append("public static void main(String[] args) throws Exception {\n");
        body.forEach(line -> text.append(line).append('\n'));
        text.append("}\n}\n");
        return new Source(wrapperName, text.toString(), wrapperName, false);
    }

    private static void compile(Example example, Path file, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertTrue(compiler != null, "the tests need a JDK, not a JRE: no system Java compiler");
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString(), "-Xlint:none", "-proc:none");
            boolean ok = compiler.getTask(diagnostics, files, null, options, null, units).call();
            if (!ok) {
                fail(example.name() + " does not compile:\n" + diagnostics + "\n--- as compiled:\n"
                        + Files.readString(file));
            }
        }
    }

    private static void run(Example example, Source source, Path classes, Path dir) throws Exception {
        // Not under the test's deep temporary folder: a doorbell socket's path must fit in 108 bytes.
        Path sessions = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "docs-");
        try {
            runIn(example, source, classes, dir, sessions);
        } finally {
            Files.deleteIfExists(sessions);
        }
    }

    private static void runIn(Example example, Source source, Path classes, Path dir, Path sessions) throws Exception {
        Path output = dir.resolve("output.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Isolates.jvmOptions());
        command.add("-Disolates.run.spares=0");
        command.add("-Disolates.session.base=" + sessions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path") + java.io.File.pathSeparator + classes);
        if (source.tests()) {
            command.add(JUnitClassLauncher.class.getName());
        }
        command.add(source.mainClass());
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(RUN_BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(example.name() + " still ran after " + RUN_BOUND_SECONDS + " s; its output:\n"
                    + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), example.name() + " failed (exit code " + process.exitValue()
                + "); its output:\n" + printed);
        try (Stream<Path> left = Files.list(sessions)) {
            assertEquals(List.of(), left.toList(), example.name() + " left session directories behind");
        }
    }
}
