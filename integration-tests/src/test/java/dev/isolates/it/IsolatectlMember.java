package dev.isolates.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/isolatectl member} on 127.0.0.1 as its own process, as a user starts one; the
 * script execs the JVM, so the process is the member itself and signals reach it.
 */
final class IsolatectlMember implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String joinedLine;
    private final Path stderr;

    private IsolatectlMember(Process process, int port, String joinedLine, Path stderr) {
        this.process = process;
        this.port = port;
        this.joinedLine = joinedLine;
        this.stderr = stderr;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code isolatectl member --port PORT ARGS...} in {@code dir}; call {@link #awaitJoined}
     * for its joined line. Several may start at once.
     */
    static CompletableFuture<IsolatectlMember> start(Path dir, int port, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Isolatectl.SCRIPT.toString(), "member", "--port",
                Integer.toString(port), "--max-heap", "96m"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "member-" + port, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Isolatectl.NO_INPUT)).redirectError(err.toFile());
        Isolatectl.environment(builder.environment(), dir);
        Process process = builder.start();
        CompletableFuture<IsolatectlMember> joined = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                if (line != null) {
                    joined.complete(new IsolatectlMember(process, port, line, err));
                }
                while (r.readLine() != null) {
                    // a member prints one line; anything more is drained so it never blocks
                }
                joined.completeExceptionally(new IllegalStateException("member on port " + port
                        + " ended before it joined: " + Files.readString(err)));
            } catch (IOException e) {
                joined.completeExceptionally(e);
            }
        }, "member-" + port + "-stdout");
        reader.setDaemon(true);
        reader.start();
        joined.whenComplete((m, failure) -> {
            if (failure != null) {
                end(process);
            }
        });
        return joined;
    }

    /**
     * Ends every member {@code starting} gave or will give, whether it joined, failed or is still
     * starting: for a test's finally block.
     */
    @SafeVarargs
    static void endAll(CompletableFuture<IsolatectlMember>... starting) throws InterruptedException {
        for (CompletableFuture<IsolatectlMember> member : starting) {
            if (!member.completeExceptionally(new IllegalStateException("the test ended before the member joined"))
                    && !member.isCompletedExceptionally()) {
                member.join().close();
            }
        }
    }

    /** The line the member printed when it joined. */
    String joinedLine() {
        return joinedLine;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** What the member wrote on stderr so far, for failure messages. */
    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then its exit code (bounded wait); -1 if it did not exit within 60 s. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** Ends the member and every process it started, whatever state it is in. */
    @Override
    public void close() throws InterruptedException {
        end(process);
    }

    private static void end(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
