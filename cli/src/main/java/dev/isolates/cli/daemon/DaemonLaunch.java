package dev.isolates.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts this user's daemon for this build and JDK in a session of its own, detached from the
 * terminal, with the JVM flags and classpath the launcher script gives ({@value #JVM_FLAGS_PROPERTY},
 * {@value #CLASSPATH_PROPERTY}). The client starts one and waits for it; a command that ran
 * in-process because no daemon ran starts one as it ends ({@link #startAfterCommand}), so the first
 * command costs what it costs without a daemon and the next finds the daemon warm.
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class DaemonLaunch {
    /**
     * The daemon's classpath, set by the launcher script; the client's own is only the jar of this
     * class, since a JVM with the whole classpath spends 30 ms looking through every jar for service
     * providers as it opens its first socket.
     */
    static final String CLASSPATH_PROPERTY = "isolatectl.daemon.classpath";
    /** The daemon's JVM flags, one a line, set by the launcher script. */
    static final String JVM_FLAGS_PROPERTY = "isolatectl.daemon.jvm";
    /** Set by the launcher script on a command it runs in-process because no daemon runs: start one after it. */
    public static final String START_AFTER_PROPERTY = "isolatectl.daemon.start";

    private DaemonLaunch() {
    }

    /** The folder and build key of the daemon that serves this JVM's user, build and JDK. */
    static DaemonDirectory directory() {
        Map<String, String> environment = System.getenv();
        return DaemonDirectory.locate(environment, BuildKey.of(classpath(), environment));
    }

    static String classpath() {
        return System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
    }

    /**
     * Starts the daemon in the background unless one answers already, and returns at once. Does
     * nothing unless {@value #START_AFTER_PROPERTY} is set. A daemon that cannot start is said in
     * one line on stderr; the command's own exit code stands, and the next command tries again.
     *
     * @param jsonIsolates the isolates of the command's json pool, which the daemon starts for the
     *                     next json command; 0 when it used none
     */
    public static void startAfterCommand(int jsonIsolates) {
        if (!Boolean.getBoolean(START_AFTER_PROPERTY)) {
            return;
        }
        DaemonDirectory directory = directory();
        try {
            directory.create();
            SocketChannel running = answering(directory);
            if (running != null) {
                running.close();
                return;
            }
            start(directory, true, jsonIsolates);
        } catch (IOException e) {
            System.err.println("isolatectl: could not start the background supervisor (daemon): " + e.getMessage()
                    + "; the next command tries again (see " + directory.output() + ")");
        }
    }

    /** A connection to the daemon in {@code directory}, or null if none answers (no socket, or one left by a dead daemon). */
    static SocketChannel answering(DaemonDirectory directory) {
        if (!directory.socketExists()) {
            return null;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(directory.socket()));
            return channel;
        } catch (IOException e) {
            // refused: the daemon that made the socket is gone; the one started next removes it
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            return null;
        }
    }

    /** Starts a daemon for {@code directory}, its output appended to the folder's output file. */
    static Process start(DaemonDirectory directory) throws IOException {
        return start(directory, false, 0);
    }

    /**
     * Starts a daemon for {@code directory}, its output appended to the folder's output file.
     *
     * @param afterThisJvm whether the daemon is to start once this JVM has exited, as when a command
     *                     starts it as it ends. It is then forked off ({@code setsid --fork}), so this
     *                     JVM holds no child as it exits: a JVM's exit waits up to 300 ms for a thread
     *                     that waits for a child still running. And a shell starts its JVM only when
     *                     this one has gone (polling every 50 ms, 10 s at most, since this JVM may stay
     *                     unreaped), so the daemon's start does not share the cores with the command's
     *                     last moments either. Without {@code setsid}, the daemon starts as it would
     *                     otherwise.
     * @param jsonIsolates the size of the json pool the daemon starts at once; 0 for none
     */
    static Process start(DaemonDirectory directory, boolean afterThisJvm, int jsonIsolates) throws IOException {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // a session of its own: no terminal, no Ctrl-C from the client's
            if (afterThisJvm && new File("/bin/sh").canExecute()) {
                command.addAll(List.of("--fork", "/bin/sh", "-c",
                        "n=0; while [ $n -lt 200 ] && kill -0 \"$0\" 2>/dev/null; do sleep 0.05; n=$((n+1)); done; exec \"$@\"",
                        Long.toString(ProcessHandle.current().pid())));
            }
        }
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        String flags = System.getProperty(JVM_FLAGS_PROPERTY, "");
        for (String flag : flags.split("\n")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.addAll(CompilerDirectives.flags(directory.compilerDirectives()));
        command.add("-D" + Daemon.FOLDER_PROPERTY + "=" + directory.folder());
        if (jsonIsolates > 0) {
            command.add("-D" + Daemon.JSON_ISOLATES_PROPERTY + "=" + jsonIsolates);
        }
        command.add("-D" + Daemon.LOG_PROPERTY + "=" + directory.log());
        command.add("-Dlogback.configurationFile=" + Daemon.LOGBACK_CONFIG);
        command.addAll(List.of("-cp", classpath(), Daemon.MAIN_CLASS));
        return new ProcessBuilder(command)
                .directory(directory.folder().toFile()) // not the client's, which may be deleted while it runs
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.output().toFile()))
                .redirectErrorStream(true)
                .start();
    }
}
