package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * Runs {@code scripts/isolatectl} as a user does, in a folder of the test's own, and compiles
 * plugin classes for it at test time against the classpath it prints.
 */
public final class Isolatectl {
    public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    public static final Path SCRIPT = ROOT.resolve("scripts").resolve("isolatectl");
    public static final File NO_INPUT = new File("/dev/null");
    private static final long LIMIT_SECONDS = 120;
    private static String classpath;
    /** The daemon folder the runs use, or null: they run in-process. Set by {@link ThroughDaemon}. */
    private static volatile Path daemonFolder;
    /** The cache folder of runs through the daemon: one for all, so that they all reach one daemon. */
    private static volatile Path daemonCache;

    private Isolatectl() {
    }

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        /** For assertion messages: everything the run printed. */
        public String printed() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code isolatectl ARGS...} in {@code dir} with no input. */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, NO_INPUT, args);
    }

    /** Runs {@code isolatectl ARGS...} in {@code dir}, its stdin read from {@code input}. */
    public static Result run(Path dir, File input, String... args) throws IOException, InterruptedException {
        return run(dir, input, Map.of(), args);
    }

    /** As {@link #run(Path, File, String...)}, with {@code variables} added to its environment. */
    public static Result run(Path dir, File input, Map<String, String> variables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder.environment(), dir);
        builder.environment().putAll(variables);
        return run(builder, dir, input);
    }

    /**
     * Runs {@code builder}'s command and environment in {@code dir}, its stdin read from
     * {@code input}, and waits for it (at most {@value #LIMIT_SECONDS} s, then it and its
     * descendants are killed and the run fails).
     */
    public static Result run(ProcessBuilder builder, Path dir, File input) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        builder.directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(input))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = builder.start();
        if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError(builder.command() + " did not finish within " + LIMIT_SECONDS + " s; stderr:\n"
                    + Files.readString(err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /**
     * Sets what a run of the script needs in {@code environment}: class-data archives go to the
     * test's folder {@code dir}, not the user's cache; and the daemon is off (the runs are
     * in-process), or, under {@link ThroughDaemon}, on, in that extension's folder.
     */
    public static void environment(Map<String, String> environment, Path dir) {
        environment.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Path daemon = daemonFolder;
        if (daemon == null) {
            environment.put("ISOLATECTL_DAEMON", "off");
        } else {
            environment.put("ISOLATECTL_DAEMON", "on");
            environment.put("ISOLATECTL_DAEMON_DIR", daemon.toString());
            environment.put("XDG_CACHE_HOME", daemonCache.toString());
        }
    }

    /**
     * Runs the script's later commands through a daemon in {@code folder}, their caches in
     * {@code cache}; or in-process if {@code folder} is null.
     */
    static void useDaemon(Path folder, Path cache) {
        daemonCache = cache;
        daemonFolder = folder;
    }

    /**
     * The native daemon client's file name for this kind of machine, as {@code scripts/lib.sh}
     * names it: {@code isolatectl-client-$HOSTTYPE-$OSTYPE}, bash's variables.
     */
    public static String nativeClientName() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "echo \"$HOSTTYPE-$OSTYPE\"").start();
        String kind = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, bash.waitFor(), "bash says what kind of machine this is");
        return "isolatectl-client-" + kind;
    }

    /** The classpath {@code isolatectl classpath} prints: what a plugin compiles against. */
    public static synchronized String classpath(Path dir) throws IOException, InterruptedException {
        if (classpath == null) {
            Result r = run(dir, "classpath");
            assertEquals(0, r.exitCode(), r.printed());
            classpath = r.stdout().trim();
        }
        return classpath;
    }

    /**
     * Compiles plugin sources (file name relative to the source root, e.g. {@code plugin/Hello.java},
     * to its text) into {@code dir/classes}, against the printed classpath; returns that folder.
     */
    public static Path compile(Path dir, Map<String, String> sources) throws IOException, InterruptedException {
        return compile(dir, classpath(dir), sources);
    }

    /** As {@link #compile(Path, Map)}, against {@code classpath}. */
    public static Path compile(Path dir, String classpath, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-cp", classpath, "-d", classes.toString(), "-encoding", "UTF-8"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int javac = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, args.toArray(new String[0]));
        assertEquals(0, javac, "plugin sources compile: " + diagnostics.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /** What a person must never see from isolatectl: a bare Java stack trace. */
    public static void assertNoStackTrace(Result r) {
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception in thread"),
                "no bare stack trace on stderr:\n" + r.printed());
    }
}
