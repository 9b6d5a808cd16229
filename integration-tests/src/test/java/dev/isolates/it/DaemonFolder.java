package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A folder of a test's own for {@code isolatectl}'s daemon ({@code ISOLATECTL_DAEMON_DIR}), so a
 * test never meets a user's daemon, and the means to ask the daemon there for its pid and to stop
 * it. {@link #close} stops the daemon, waits until its JVM has gone, and deletes the folder.
 */
public final class DaemonFolder implements AutoCloseable {
    static final long WAIT_SECONDS = 30;

    private final Path folder;
    private final Launcher launcher;

    /** Runs an {@code isolatectl}, with variables added to its environment. */
    @FunctionalInterface
    public interface Launcher {
        /** Runs {@code isolatectl ARGS...} with no input and {@code variables} in its environment. */
        Isolatectl.Result run(Map<String, String> variables, String... args) throws IOException, InterruptedException;
    }

    private DaemonFolder(Path folder, Launcher launcher) {
        this.folder = folder;
        this.launcher = launcher;
    }

    /**
     * A new folder (short, under /tmp: a socket's path holds at most 107 bytes); runs of
     * {@code scripts/isolatectl} happen in {@code work}.
     */
    public static DaemonFolder create(Path work) throws IOException {
        return create((variables, args) -> Isolatectl.run(work, Isolatectl.NO_INPUT, variables, args));
    }

    /** A new folder, as {@link #create(Path)} makes, for the isolatectl {@code launcher} runs. */
    public static DaemonFolder create(Launcher launcher) throws IOException {
        return new DaemonFolder(Files.createTempDirectory("isolatectl-daemon"), launcher);
    }

    public Path path() {
        return folder;
    }

    /** What a run of the script needs to use this folder's daemon. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("ISOLATECTL_DAEMON", "on");
        env.put("ISOLATECTL_DAEMON_DIR", folder.toString());
        return env;
    }

    /** Runs {@code isolatectl ARGS...} with this folder's daemon, with no input. */
    public Isolatectl.Result run(String... args) throws IOException, InterruptedException {
        return launcher.run(environment(), args);
    }

    /** The pid of the daemon that answers here, if one does. */
    public OptionalLong pid() throws IOException, InterruptedException {
        Isolatectl.Result status = run("daemon", "status");
        if (status.exitCode() != 0) {
            return OptionalLong.empty();
        }
        for (String line : status.lines()) {
            if (line.startsWith("pid: ")) {
                return OptionalLong.of(Long.parseLong(line.substring(5).trim()));
            }
        }
        throw new AssertionError("daemon status names no pid:\n" + status.printed());
    }

    /** Starts the daemon here with {@code isolatectl daemon start} (unless one runs) and returns its pid. */
    public long start() throws IOException, InterruptedException {
        Isolatectl.Result started = run("daemon", "start");
        assertEquals(0, started.exitCode(), started.printed());
        return pid().orElseThrow(() -> new AssertionError("no daemon answers after 'daemon start':\n" + started.printed()));
    }

    /**
     * The pid of the daemon here once one answers: a command that found no daemon starts one as it
     * ends, in the background. Fails after {@value #WAIT_SECONDS} s.
     */
    public long awaitPid() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            OptionalLong pid = pid();
            if (pid.isPresent()) {
                return pid.getAsLong();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no daemon answers in " + folder + " " + WAIT_SECONDS + " s after the command");
            }
            Thread.sleep(50);
        }
    }

    /** The socket files in the folder. */
    public long sockets() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock")).count();
        }
    }

    /** The text of the daemon's log files. */
    public String log() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                text.append(Files.readString(f));
            }
        }
        return text.toString();
    }

    /** Waits until process {@code pid} has ended; fails after {@value #WAIT_SECONDS} s. */
    public static void awaitEnd(long pid) throws InterruptedException, ExecutionException {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null) {
            return;
        }
        try {
            handle.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            throw new AssertionError("process " + pid + " still ran " + WAIT_SECONDS + " s after it was told to stop");
        }
    }

    /**
     * Stops the daemon here, if one runs, waits until it has gone, and deletes the folder. Daemons a
     * test started with other settings (another {@code PATH} or {@code ISOLATES_BWRAP} makes a
     * daemon of its own) are ended with SIGTERM, as a user's {@code kill} would.
     */
    @Override
    public void close() throws IOException, InterruptedException, ExecutionException {
        OptionalLong pid = pid();
        if (pid.isPresent()) {
            Isolatectl.Result stop = run("daemon", "stop");
            assertEquals(0, stop.exitCode(), stop.printed());
            awaitEnd(pid.getAsLong());
        }
        String mark = "-Disolatectl.daemon.dir=" + folder;
        for (ProcessHandle other : ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(mark)).orElse(false)).toList()) {
            other.destroy();
            awaitEnd(other.pid());
        }
        assertEquals(0, sockets(), "the daemon removes its socket as it ends");
        deleteTree(folder);
        assertTrue(Files.notExists(folder));
    }

    /** Deletes {@code root} and everything under it. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
