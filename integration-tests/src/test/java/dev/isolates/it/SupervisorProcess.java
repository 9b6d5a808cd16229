package dev.isolates.it;

import dev.isolates.launcher.JdkFlags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SupervisorProcessMain} JVM started by a test: the test's own classpath and the JVM flags
 * the library needs, its session base in a folder of the test's. Reads its stdout on a thread so
 * every wait on it is bounded. Closing it kills it if it still runs.
 */
public final class SupervisorProcess implements AutoCloseable {
    private static final String END = "\u0000end of stdout";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private SupervisorProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "supervisor-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java ... SupervisorProcessMain mode scratch} with its sessions under {@code base}. */
    static SupervisorProcess start(String mode, Path base, Path scratch) throws IOException {
        return start(mode, base, scratch, List.of());
    }

    /** As {@link #start(String, Path, Path)}, with {@code jvmArgs} (system properties, say) for the supervisor JVM. */
    static SupervisorProcess start(String mode, Path base, Path scratch, List<String> jvmArgs) throws IOException {
        return start(SupervisorProcessMain.class, mode, base, scratch, jvmArgs);
    }

    /** As {@link #start(String, Path, Path, List)}, running {@code main} (a class with a main method) instead. */
    public static SupervisorProcess start(Class<?> main, String mode, Path base, Path scratch, List<String> jvmArgs)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JdkFlags.forThisJdk());
        command.add("-Disolates.session.base=" + base);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.add(mode);
        command.add(scratch.toString());
        Path stderr = Files.createTempFile(scratch, "supervisor-" + mode + "-", ".stderr");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(stderr.toFile())
                .start();
        return new SupervisorProcess(p, stderr);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("[stdout read failed: " + e + "]");
        } finally {
            lines.add(END);
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Reads lines until one is {@code word} or starts with {@code word + " "}; returns what follows
     * the word. Fails if the process ends its output first, or after {@code limit}.
     */
    public String await(String word, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("supervisor pid " + pid() + " did not print \"" + word + "\" within "
                        + limit.toSeconds() + " s; " + report());
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new AssertionError("supervisor pid " + pid() + " ended its output before \"" + word + "\"; "
                        + report());
            }
            seen.add(line);
            if (line.equals(word)) {
                return "";
            }
            if (line.startsWith(word + " ")) {
                return line.substring(word.length() + 1);
            }
        }
    }

    /** Waits up to {@code limit} for the JVM to end; returns its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("supervisor pid " + pid() + " did not exit within " + limit.toSeconds() + " s; "
                    + report());
        }
        return process.exitValue();
    }

    /** Kills the JVM with SIGKILL, as {@code kill -9} does, and waits for it to end; returns its exit code. */
    int killHard() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        return awaitExit(Duration.ofSeconds(30));
    }

    /** What it printed so far, for failure messages. */
    public String report() {
        String err;
        try {
            err = Files.readString(stderr);
        } catch (IOException e) {
            err = "[could not read " + stderr + ": " + e + "]";
        }
        return "stdout so far: " + seen + "; stderr: " + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's wait was cut short: keep the interrupt
            }
        }
    }
}
