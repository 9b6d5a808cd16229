package dev.isolates.launcher;

import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.bootstrap.WorkerHandover;
import dev.isolates.bootstrap.WorkerThread;
import dev.isolates.protocol.ChannelKey;
import dev.isolates.protocol.DoorbellSocket;
import dev.isolates.protocol.IsolateChannel;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.Side;
import dev.isolates.protocol.WaitStrategy;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts a worker JVM (or, for debugging, an in-process worker thread: {@link #launchInProcess}) and
 * waits until it has connected its channel. Safe to call from any thread; each call starts its own
 * JVM or thread.
 */
public final class WorkerLauncher {
    private static final long ACCEPT_POLL_MILLIS = 25;
    /** This JVM's {@code System.out} as it is at each write, so a program's {@code System.setOut} is followed. */
    private static final OutputStream SYSTEM_OUT = new OutputStream() {
        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.out.write(b, off, len);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    };

    private final KryoCodec codec;
    private final Consumer<String> stderrSink;
    private final OutputStream stdoutSink;

    /**
     * As {@link #WorkerLauncher(KryoCodec, Consumer, OutputStream)}, a worker's stdout going to this
     * JVM's {@code System.out}.
     */
    public WorkerLauncher(KryoCodec codec, Consumer<String> stderrSink) {
        this(codec, stderrSink, SYSTEM_OUT);
    }

    /**
     * @param codec      the codec the channel uses, matching the worker's
     * @param stderrSink where each line a worker writes to stderr goes, besides its tail; never what
     *                   its JVM prints as it dies, which only the tail keeps
     * @param stdoutSink where what a worker writes to stdout goes, but for what its JVM prints there
     *                   as it dies, which goes to its stderr tail
     */
    public WorkerLauncher(KryoCodec codec, Consumer<String> stderrSink, OutputStream stdoutSink) {
        this.codec = codec;
        this.stderrSink = stderrSink;
        this.stdoutSink = stdoutSink;
    }

    /**
     * Starts {@code spec} with its channel at {@code paths} and the two arenas given.
     *
     * @throws WorkerStartException if the JVM cannot start, exits, or does not connect in time
     */
    public LaunchedWorker launch(WorkerSpec spec, IsolatePaths paths, Path supervisorArena, Path workerArena)
            throws WorkerStartException {
        return launch(spec, paths, supervisorArena, workerArena, codec);
    }

    /**
     * As {@link #launch(WorkerSpec, IsolatePaths, Path, Path)}, reading the worker with {@code codec}
     * (an untrusted one, say). A worker that does not start ends its {@link WorkerSpec#output()}.
     */
    public LaunchedWorker launch(WorkerSpec spec, IsolatePaths paths, Path supervisorArena, Path workerArena,
                                 KryoCodec codec) throws WorkerStartException {
        try {
            return startWorker(spec, paths, supervisorArena, workerArena, codec);
        } catch (WorkerStartException | RuntimeException | Error e) {
            if (spec.output() != null) {
                spec.output().ended().run(); // no worker writes to its streams
            }
            throw e;
        }
    }

    private LaunchedWorker startWorker(WorkerSpec spec, IsolatePaths paths, Path supervisorArena, Path workerArena,
                                 KryoCodec codec) throws WorkerStartException {
        String classpathProblem = SupervisorClasspath.current().problem();
        if (classpathProblem != null) {
            throw new WorkerStartException("isolate \"" + spec.debugName() + "\" cannot start: " + classpathProblem,
                    List.of(), "", null);
        }
        boolean sandboxed = spec.sandbox().enabled();
        Bubblewrap bwrap = sandboxed ? Bubblewrap.find() : null;
        if (sandboxed && !bwrap.usable()) {
            throw new WorkerStartException("isolate \"" + spec.debugName() + "\" cannot start in its sandbox: "
                    + bwrap.problem().orElseThrow() + "; or run it without one: IsolateOptions.builder().sandbox(Sandbox.none())",
                    List.of(), "", null);
        }
        // a sandboxed worker cannot see the supervisor's pid; bwrap --die-with-parent ends it instead
        WorkerArguments arguments = new WorkerArguments(paths.root(), supervisorArena, workerArena,
                sandboxed ? WorkerArguments.UNWATCHED : ProcessHandle.current().pid(), spec.debugName());
        List<String> flags = WorkerCommandLine.jvmFlags(spec);
        String classpath = WorkerCommandLine.classpath(spec.classpath());
        ArchivePlan archive = ArchiveKind.forThisJdk().plan(flags, classpath, WorkerCommandLine.classpath(List.of()),
                sandboxed);
        List<String> command = WorkerCommandLine.of(spec, arguments, archive);
        if (sandboxed) {
            command = sandboxed(bwrap, spec, classpath, command, List.of(paths.root(), supervisorArena, workerArena),
                    archive);
        }
        ChannelKey key = ChannelKey.random();
        IsolateMark mark = IsolateMark.fresh();
        Process process = null;
        OutputTail stderr = null;
        SupervisorEnd end = null;
        try {
            if (sandboxed) {
                end = SupervisorEnd.open(paths, supervisorArena, workerArena, key); // bwrap binds the arenas as it starts
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.PIPE);
            if (sandboxed) {
                SandboxCommand.restrict(builder.environment(), spec.environment());
            } else {
                builder.environment().putAll(spec.environment());
                if (spec.directory() != null) {
                    builder.directory(spec.directory().toFile());
                }
            }
            mark.addTo(builder.environment());
            process = sandboxed ? SandboxStarter.start(builder) : builder.start();
            WorkerOutput output = spec.output();
            stderr = OutputTail.start(process.getErrorStream(), spec.debugName(),
                    archive.stderrTo(output == null ? stderrSink : output.stderr()));
            WorkerStdout stdout = WorkerStdout.start(process.getInputStream(), spec.debugName(),
                    output == null ? stdoutSink : output.stdout(), stderr);
            if (output != null) {
                endsAfter(output, stdout, stderr, spec.debugName());
            }
            if (end == null) {
                // The worker's JVM starts while this end's files open: in a supervisor that has opened no
                // queue yet, that is a large part of a first isolate's start.
                end = SupervisorEnd.open(paths, supervisorArena, workerArena, key);
            }
            // The worker opens its end only after this, so the two never open one queue at once.
            handOver(process, new WorkerHandover(arguments, key));
            Process started = process;
            OutputTail tail = stderr;
            List<String> startCommand = command;
            SocketChannel bell = accept(end.doorbell(), spec, () -> {
                if (started.isAlive()) {
                    return null;
                }
                tail.awaitEnd(1000);
                stdout.awaitEnd(1000);
                return new WorkerStartException("isolate \"" + spec.debugName() + "\" (pid " + started.pid()
                        + ") exited with code " + started.exitValue() + " before it connected. It wrote:\n"
                        + tail.text(), startCommand, tail.text(), null);
            }, () -> new WorkerStartException("isolate \"" + spec.debugName() + "\" (pid " + started.pid()
                    + ") did not connect within " + spec.startTimeout().toMillis() + " ms", startCommand,
                    tail.text(), null));
            IsolateChannel channel = end.files().connect(bell, codec, WaitStrategy.backoff());
            return new LaunchedWorker(process, IsolateProcessTree.of(process, mark), channel, paths, stderr, stdout,
                    command, archive);
        } catch (WorkerStartException e) {
            destroy(process, mark);
            archive.afterExit(-1);
            throw e;
        } catch (IOException | RuntimeException e) {
            destroy(process, mark);
            archive.afterExit(-1);
            String output = stderr == null ? "" : stderr.text();
            throw new WorkerStartException("isolate \"" + spec.debugName() + "\" could not start: " + e, command,
                    output, e);
        } catch (Error e) {
            destroy(process, mark); // out of native threads, say: no worker may outlive its start
            archive.afterExit(-1);
            throw e;
        } finally {
            if (end != null) {
                try {
                    end.close(); // the files stay open when they became the channel
                } catch (IOException e) {
                    stderrSink.accept("could not close the start-up files of isolate " + spec.debugName() + ": " + e);
                }
            }
            try {
                Files.deleteIfExists(paths.doorbell()); // connected sockets live on without their file
            } catch (IOException e) {
                stderrSink.accept("could not remove " + paths.doorbell() + ": " + e);
            }
        }
    }

    /**
     * The supervisor's end of a starting worker's channel: its files, open, and the doorbell socket
     * the worker connects to. Closing it closes the files unless they became the channel.
     */
    private record SupervisorEnd(IsolateChannel.Unconnected files, ServerSocketChannel doorbell) implements AutoCloseable {
        static SupervisorEnd open(IsolatePaths paths, Path supervisorArena, Path workerArena, ChannelKey key)
                throws IOException {
            IsolateChannel.Unconnected files = IsolateChannel.prepare(Side.SUPERVISOR, paths, supervisorArena,
                    workerArena, key);
            try {
                return new SupervisorEnd(files, DoorbellSocket.listen(paths.doorbell()));
            } catch (IOException | RuntimeException e) {
                files.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                doorbell.close();
            } finally {
                files.close();
            }
        }
    }

    /** Runs {@code output}'s end once the worker's stdout and stderr have both been passed on to their end. */
    private static void endsAfter(WorkerOutput output, WorkerStdout stdout, OutputTail stderr, String name) {
        Thread t = new Thread(() -> {
            stdout.awaitEnd(Long.MAX_VALUE);
            stderr.awaitEnd(Long.MAX_VALUE);
            output.ended().run();
        }, "isolate-output-end-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** {@code command} run inside bubblewrap, seeing only what {@code spec}'s sandbox and the JVM need. */
    private static List<String> sandboxed(Bubblewrap bwrap, WorkerSpec spec, String classpath, List<String> command,
                                          List<Path> writable, ArchivePlan archive) {
        List<Path> readable = archive.archive() == null ? List.of() : List.of(archive.archive());
        List<String> full = new ArrayList<>(SandboxCommand.prefix(bwrap.executable().orElseThrow(), spec.sandbox(),
                Path.of(System.getProperty("java.home")), List.of(classpath.split(File.pathSeparator)), writable,
                readable, Bubblewrap.onPath("prlimit")));
        full.addAll(command);
        return full;
    }

    /**
     * Writes the worker's arguments and key to its stdin and closes it. A worker that died before
     * reading them is reported by the wait for its connection, with what it printed.
     */
    private static void handOver(Process process, WorkerHandover handover) throws IOException {
        try {
            handover.writeTo(process.getOutputStream());
        } catch (IOException e) {
            if (process.isAlive()) {
                throw e;
            }
        }
    }

    /**
     * Waits for the worker to connect its doorbell.
     *
     * @param died     the failure to report if the worker has ended, else null
     * @param timedOut the failure to report once {@code spec}'s start timeout has passed
     */
    private static SocketChannel accept(ServerSocketChannel server, WorkerSpec spec,
                                        Supplier<WorkerStartException> died, Supplier<WorkerStartException> timedOut)
            throws IOException, WorkerStartException {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                SocketChannel bell = server.accept();
                if (bell != null) {
                    return bell;
                }
                WorkerStartException death = died.get();
                if (death != null) {
                    throw death;
                }
                if (System.nanoTime() > deadline) {
                    throw timedOut.get();
                }
                selector.select(ACCEPT_POLL_MILLIS);
                selector.selectedKeys().clear();
            }
        }
    }

    /**
     * Starts {@code spec} in-process, as a {@link WorkerThread} of this JVM, with its channel at
     * {@code paths} and the two arenas given, and waits until it has connected: the same files,
     * key and hand-shake as a worker JVM, without the JVM. Its settings for a JVM (heap, arguments,
     * classpath, environment, sandbox, output, folder) do not apply.
     *
     * @throws WorkerStartException if the thread ends or does not connect in time
     */
    public InProcessWorker launchInProcess(WorkerSpec spec, IsolatePaths paths, Path supervisorArena, Path workerArena,
                                           KryoCodec codec) throws WorkerStartException {
        WorkerArguments arguments = new WorkerArguments(paths.root(), supervisorArena, workerArena,
                WorkerArguments.UNWATCHED, spec.debugName());
        ChannelKey key = ChannelKey.random();
        List<String> command = List.of("in-process isolate " + spec.debugName());
        try (IsolateChannel.Unconnected files = IsolateChannel.prepare(Side.SUPERVISOR, paths, supervisorArena,
                workerArena, key);
             ServerSocketChannel server = DoorbellSocket.listen(paths.doorbell())) {
            // a thread that started and could not connect ends itself: its peer's end is closed
            WorkerThread started = WorkerThread.start(new WorkerHandover(arguments, key));
            SocketChannel bell = accept(server, spec, () -> started.exit().isDone()
                    ? new WorkerStartException("in-process isolate \"" + spec.debugName() + "\" ended before it"
                            + " connected; its thread wrote why to System.err", command, "", null)
                    : null, () -> new WorkerStartException("in-process isolate \"" + spec.debugName()
                    + "\" did not connect within " + spec.startTimeout().toMillis() + " ms", command, "", null));
            return new InProcessWorker(started, files.connect(bell, codec, WaitStrategy.backoff()), paths);
        } catch (IOException | RuntimeException e) {
            throw new WorkerStartException("in-process isolate \"" + spec.debugName() + "\" could not start: " + e,
                    command, "", e);
        } finally {
            try {
                Files.deleteIfExists(paths.doorbell());
            } catch (IOException e) {
                stderrSink.accept("could not remove " + paths.doorbell() + ": " + e);
            }
        }
    }

    /** Kills a worker that failed to start, and whatever it started. */
    private static void destroy(Process process, IsolateMark mark) {
        if (process != null) {
            IsolateProcessTree tree = IsolateProcessTree.of(process, mark);
            tree.kill();
            try {
                process.waitFor();
                tree.endOrphans();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
