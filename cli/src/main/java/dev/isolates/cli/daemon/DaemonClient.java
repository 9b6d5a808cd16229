package dev.isolates.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * {@code isolatectl} as the launcher script runs it when the daemon is on: connects to this user's
 * daemon for this build and JDK (starting it first if none answers), forwards the command line,
 * working directory, environment and standard streams, and exits with the command's exit code.
 * Ctrl-C or the end of this process cancels the command in the daemon; a daemon that dies under it
 * makes this exit with code {@value #DAEMON_FAILED} and one line on stderr.
 *
 * <p>Started anew for each command, so it starts fast: it touches nothing but the JDK's base
 * classes and this package's few (no picocli, Jackson, Logback or the library).
 */
public final class DaemonClient {
    /** The exit code when the daemon cannot be reached, started, or dies under the command. */
    static final int DAEMON_FAILED = 5;
    private static final long START_WAIT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 10;

    private final DaemonDirectory directory;
    private final Object sending = new Object();
    /** The exit code of a command cut short by Ctrl-C, as a shell gives it. */
    private static final int INTERRUPTED = 130;
    private volatile boolean finished;
    private volatile boolean cancelled;
    private DataOutputStream out;

    private DaemonClient(DaemonDirectory directory) {
        this.directory = directory;
    }

    /** Runs {@code isolatectl ARGS...} in the daemon and exits with its exit code. */
    public static void main(String[] args) {
        DaemonDirectory directory = DaemonLaunch.directory();
        int code;
        try {
            code = new DaemonClient(directory).run(args);
        } catch (DaemonUnavailable e) {
            System.err.println("isolatectl: " + e.getMessage());
            code = DAEMON_FAILED;
        }
        System.exit(code);
    }

    private int run(String[] args) throws DaemonUnavailable {
        boolean status = isDaemonAction(args, "status");
        boolean stop = isDaemonAction(args, "stop");
        SocketChannel channel = DaemonLaunch.answering(directory);
        if (isDaemonAction(args, "start")) {
            boolean running = channel != null;
            close(channel == null ? start() : channel);
            System.out.println("isolatectl daemon: " + (running ? "runs already" : "started")
                    + "; 'isolatectl daemon status' tells more");
            return 0;
        }
        if (channel == null && (status || stop)) {
            System.out.println("isolatectl daemon: none runs for this build and JDK (folder " + directory.folder() + ")");
            return status ? 1 : 0;
        }
        if (channel == null) {
            channel = start();
        }
        return serve(channel, args);
    }

    private static boolean isDaemonAction(String[] args, String action) {
        return args.length == 2 && args[0].equals("daemon") && args[1].equals(action);
    }

    /** Starts a daemon in a session of its own and waits until it answers. */
    private SocketChannel start() throws DaemonUnavailable {
        try {
            directory.create();
        } catch (IOException e) {
            throw new DaemonUnavailable(e.getMessage() + "; or run the command with --no-daemon");
        }
        long deadline = System.currentTimeMillis() + START_WAIT_MILLIS;
        Process daemon = launch();
        while (System.currentTimeMillis() < deadline) {
            SocketChannel channel = DaemonLaunch.answering(directory);
            if (channel != null) {
                return channel;
            }
            if (!daemon.isAlive()) {
                if (daemon.exitValue() != 0) {
                    throw new DaemonUnavailable("the background supervisor (daemon) could not start (exit code "
                            + daemon.exitValue() + "): see " + directory.output() + "; or run the command with --no-daemon");
                }
                daemon = launch(); // another daemon held the lock as it was ending: start one again
            }
            sleep(POLL_MILLIS);
        }
        throw new DaemonUnavailable("the background supervisor (daemon) did not answer within "
                + START_WAIT_MILLIS / 1000 + " s: see " + directory.log() + "; or run the command with --no-daemon");
    }

    private Process launch() throws DaemonUnavailable {
        try {
            return DaemonLaunch.start(directory);
        } catch (IOException e) {
            throw new DaemonUnavailable("the background supervisor (daemon) could not start: " + e.getMessage()
                    + "; or run the command with --no-daemon");
        }
    }

    /** Sends the command, passes its output on until it exits, and returns its exit code. */
    private int serve(SocketChannel channel, String[] args) throws DaemonUnavailable {
        Runtime.getRuntime().addShutdownHook(new CancelAtExit(this, channel));
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
        boolean stdoutOpen = true;
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(channel), 1 << 16));
            out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(channel), 1 << 16));
            byte[] request = new Request(Arrays.asList(args), System.getProperty("user.dir"), System.getenv(),
                    Boolean.getBoolean("isolatectl.stderr.terminal")).encode();
            try {
                synchronized (sending) {
                    Frames.write(out, Frames.REQUEST, request, 0, request.length);
                }
            } catch (IOException e) {
                // a daemon that refuses this client closes without reading: what it said is read below
            }
            while (true) {
                Frames.Frame frame = Frames.read(in);
                if (frame == null) {
                    if (cancelled) {
                        return INTERRUPTED;
                    }
                    throw died(null);
                }
                switch (frame.type()) {
                    case Frames.STDOUT -> stdoutOpen = stdoutOpen && pass(frame.body(), stdout);
                    case Frames.STDERR -> pass(frame.body(), stderr);
                    case Frames.STDIN_WANTED -> startStdin();
                    case Frames.EXIT -> {
                        finished = true;
                        close(channel);
                        markArchiveWorthKeeping();
                        return frame.exitCode();
                    }
                    default -> throw new IOException("a frame of unknown type " + frame.type());
                }
            }
        } catch (IOException e) {
            if (cancelled) {
                return INTERRUPTED; // this JVM is exiting: the hook closed the connection
            }
            throw died(e);
        }
    }

    /** Writes {@code body}; false once the stream is closed (a reader that went away), as a PrintStream would go on. */
    private static boolean pass(byte[] body, FileOutputStream to) {
        try {
            to.write(body);
            return true;
        } catch (IOException e) {
            return false; // the command still runs to its end and gives its exit code, as it does in-process
        }
    }

    private DaemonUnavailable died(IOException e) {
        return new DaemonUnavailable("the background supervisor (daemon) ended before the command finished"
                + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ": see " + directory.log()
                + "; run the command again to start a new one, or with --no-daemon");
    }

    private void startStdin() {
        Thread pump = new StdinPump(this);
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpStdin() {
        InputStream stdin = System.in;
        byte[] buffer = new byte[1 << 16];
        try {
            int n;
            while ((n = stdin.read(buffer)) > 0) {
                synchronized (sending) {
                    Frames.write(out, Frames.STDIN, buffer, 0, n);
                }
            }
            synchronized (sending) {
                Frames.write(out, Frames.STDIN_END);
            }
        } catch (IOException e) {
            // the connection closed (the command ended), or stdin failed: the command ends either way
        }
    }

    /** At exit before the command finished (Ctrl-C, a kill): tells the daemon to stop the command. */
    private void cancel(SocketChannel channel) {
        if (finished) {
            return;
        }
        cancelled = true;
        synchronized (sending) {
            try {
                if (out != null) {
                    Frames.write(out, Frames.CANCEL);
                }
            } catch (IOException e) {
                // the connection is gone already: closing it below cancels all the same
            }
        }
        close(channel);
    }

    /** Tells the launcher script that this JVM's class-data dump is worth keeping (see lib.sh). */
    private static void markArchiveWorthKeeping() {
        String marker = System.getProperty("isolatectl.cds.marker");
        if (marker == null) {
            return;
        }
        File f = new File(marker);
        try {
            f.delete();
            f.createNewFile();
        } catch (IOException e) {
            // without a marker the dump is deleted and a later run dumps again: the command is not affected
        }
    }

    private static void close(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that failed: nothing more to do with it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Threads as named classes, not lambdas: a lambda's call site costs a short-lived JVM milliseconds.

    /** Cancels the command when this JVM exits before it finished. */
    private static final class CancelAtExit extends Thread {
        private final DaemonClient client;
        private final SocketChannel channel;

        CancelAtExit(DaemonClient client, SocketChannel channel) {
            super("isolatectl-cancel");
            this.client = client;
            this.channel = channel;
        }

        @Override
        public void run() {
            client.cancel(channel);
        }
    }

    /** Sends stdin to the daemon. */
    private static final class StdinPump extends Thread {
        private final DaemonClient client;

        StdinPump(DaemonClient client) {
            super("isolatectl-stdin");
            this.client = client;
        }

        @Override
        public void run() {
            client.pumpStdin();
        }
    }

    /** The daemon cannot serve this command; the message is the line the user sees. */
    private static final class DaemonUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        DaemonUnavailable(String message) {
            super(message);
        }
    }
}
