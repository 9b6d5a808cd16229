package dev.isolates.regressions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM a regression test starts as a user would start a program that embeds the library, with
 * the command line the test chooses; its stdout and stderr go to files in the test's folder. Closing
 * it kills it if it still runs.
 */
final class OutsideJvm implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> command;

    private OutsideJvm(Process process, Path stdout, Path stderr, List<String> command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
    }

    /** {@code java ARGS...} with this JVM's {@code java}, its output in {@code scratch}. */
    static OutsideJvm start(Path scratch, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(args);
        Path out = Files.createTempFile(scratch, "jvm-", ".stdout");
        Path err = Files.createTempFile(scratch, "jvm-", ".stderr");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new OutsideJvm(p, out, err, command);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits up to {@code limit} for the JVM to end; returns its stdout lines. */
    List<String> awaitOutput(Duration limit) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("pid " + process.pid() + " did not exit within " + limit.toSeconds() + " s; "
                    + report());
        }
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    /** The line of {@code lines} that starts with {@code word + " "}, without the word; fails if there is none. */
    String value(List<String> lines, String word) throws IOException {
        for (String line : lines) {
            if (line.startsWith(word + " ")) {
                return line.substring(word.length() + 1);
            }
        }
        throw new AssertionError("no line \"" + word + " ...\" in " + lines + "; " + report());
    }

    String report() throws IOException {
        return "command: " + String.join(" ", command) + "\nstdout: " + Files.readString(stdout) + "\nstderr: "
                + Files.readString(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
