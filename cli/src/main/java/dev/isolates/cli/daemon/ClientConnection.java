package dev.isolates.cli.daemon;

import dev.isolates.cli.Console;
import dev.isolates.cli.IsolateCtl;
import dev.isolates.cli.PluginOutputs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the daemon: checks that it is the daemon's own user, runs its command on a thread
 * of its own with the client's streams, folder and environment, and passes the client's stdin on
 * while it runs. A client that cancels or goes away cancels its command: its stdin fails and its
 * thread is interrupted, which closes the command's pools and isolates. Runs on a thread of its
 * own; {@link #cancel} is safe to call from any thread.
 */
final class ClientConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final long CANCEL_WAIT_MILLIS = 30_000;
    /** How long the exit code waits for the output of a command's isolates, whose JVMs are ending. */
    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(10);

    private final Daemon daemon;
    private final SocketChannel channel;
    private volatile Thread command;
    private volatile StdinPipe stdin;
    private volatile boolean done;

    ClientConnection(Daemon daemon, SocketChannel channel) {
        this.daemon = daemon;
        this.channel = channel;
    }

    @Override
    public void run() {
        try (channel) {
            FrameSender sender = new FrameSender(new DataOutputStream(
                    new BufferedOutputStream(ChannelStreams.out(channel), 1 << 16)));
            String refused = refusal();
            if (refused != null) {
                LOG.warn("refused a client: {}", refused);
                byte[] line = ("isolatectl: the daemon at " + channel.getLocalAddress() + " refused this client: "
                        + refused + "\n").getBytes(StandardCharsets.UTF_8);
                sender.send(Frames.STDERR, line, 0, line.length);
                sender.exit(DaemonClient.DAEMON_FAILED);
                return;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(channel), 1 << 16));
            Frames.Frame first = Frames.read(in);
            if (first == null || first.type() != Frames.REQUEST) {
                LOG.debug("a client closed its connection before its request");
                return;
            }
            Request request = Request.decode(first.body());
            if (!answerDaemonAction(request.args(), sender)) {
                daemon.started(this);
                try {
                    serve(request, in, sender);
                } finally {
                    daemon.ended(this);
                }
            }
        } catch (IOException e) {
            LOG.warn("a client's connection failed: {}", e.toString());
        }
    }

    /** Why this client may not use the daemon, or null when it is the daemon's own user. */
    private String refusal() throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String me = System.getProperty("user.name");
        String them = peer.user().getName();
        return them.equals(me) ? null : "its user is " + them + ", and the daemon serves only its own user, " + me;
    }

    /**
     * Answers {@code isolatectl daemon status} and {@code stop}, which are not commands the daemon
     * counts or waits for when it is idle.
     *
     * @return whether {@code args} was one of them
     */
    private boolean answerDaemonAction(List<String> args, FrameSender sender) {
        if (!args.equals(List.of("daemon", "status")) && !args.equals(List.of("daemon", "stop"))) {
            return false;
        }
        boolean stop = args.get(1).equals("stop");
        byte[] text = (stop ? "isolatectl daemon: daemon " + ProcessHandle.current().pid() + " stops\n"
                : daemon.status()).getBytes(StandardCharsets.UTF_8);
        sender.send(Frames.STDOUT, text, 0, text.length);
        sender.exit(0);
        if (stop) {
            daemon.stop("isolatectl daemon stop");
        }
        return true;
    }

    private void serve(Request request, DataInputStream in, FrameSender sender) {
        List<String> args = request.args();
        LOG.debug("command: {} in {}", args, request.workingDirectory());
        StdinPipe pipe = new StdinPipe(() -> sender.send(Frames.STDIN_WANTED));
        PrintStream out = new PrintStream(new BufferedOutputStream(new FrameOutputStream(sender, Frames.STDOUT), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameOutputStream(sender, Frames.STDERR), true, StandardCharsets.UTF_8);
        Console console = new Console(pipe, out, err, Path.of(request.workingDirectory()), request.environment(),
                request.stderrTerminal(), false, daemon.jsonPools(), new PluginOutputs(out, err));
        Thread t = new Thread(() -> runCommand(console, args, sender), Thread.currentThread().getName() + "-command");
        stdin = pipe;
        command = t;
        t.start();
        try {
            passInput(in, pipe);
        } catch (IOException e) {
            // the connection closed: after the command's exit code, or by a client that went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!done) {
            LOG.info("command {} cancelled: its client went away", args);
            cancel();
        }
        try {
            t.join(CANCEL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("command {} did not end within {} s of its cancellation; its thread is left running", args,
                    CANCEL_WAIT_MILLIS / 1000);
        }
    }

    private void runCommand(Console console, List<String> args, FrameSender sender) {
        int code;
        try {
            code = IsolateCtl.execute(console, args.toArray(new String[0]));
        } catch (RuntimeException | Error e) {
            LOG.error("command {} failed", args, e);
            console.err().println("isolatectl: the command failed in the daemon: " + e + "; see its log");
            code = 1;
        }
        try {
            if (!console.pluginOutputs().awaitPassedOn(OUTPUT_WAIT)) {
                LOG.warn("command {}: an isolate's output was not all passed on within {} s of the command's end",
                        args, OUTPUT_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: its client is gone, and waits for nothing
        }
        console.out().flush();
        console.err().flush();
        done = true;
        sender.exit(code);
        try {
            channel.close(); // ends the wait for more input
        } catch (IOException e) {
            LOG.debug("closing a client's connection failed: {}", e.toString());
        }
    }

    /** Passes the client's stdin frames to the command until the client cancels or the connection closes. */
    private static void passInput(DataInputStream in, StdinPipe pipe) throws IOException, InterruptedException {
        while (true) {
            Frames.Frame frame = Frames.read(in);
            if (frame == null || frame.type() == Frames.CANCEL) {
                return;
            }
            if (frame.type() == Frames.STDIN) {
                pipe.add(frame.body());
            } else if (frame.type() == Frames.STDIN_END) {
                pipe.end();
            } else {
                throw new IOException("a frame of type " + frame.type() + " from a client");
            }
        }
    }

    /** Stops the command: its stdin fails and its thread is interrupted. */
    void cancel() {
        StdinPipe pipe = stdin;
        if (pipe != null) {
            pipe.cancel();
        }
        Thread t = command;
        if (t != null && !done) {
            t.interrupt();
        }
    }
}
