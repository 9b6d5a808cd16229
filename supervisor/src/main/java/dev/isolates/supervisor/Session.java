package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.events.IsolateStartedEvent;
import dev.isolates.launcher.InProcessWorker;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.launcher.WorkerLauncher;
import dev.isolates.launcher.WorkerSpec;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.IsolatePaths;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.SessionDirectory;
import dev.isolates.runtime.SupervisorCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's supervisor: one session directory, the codec, the launcher, the pool of arenas, and the
 * isolates alive now. Made on first use; at JVM exit it kills its isolates and removes its directory.
 *
 * <p>Thread-safe.
 */
final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final SessionDirectory directory;
    private final KryoCodec codec;
    private final KryoCodec untrustedCodec = SupervisorCodec.createUntrusted();
    private final WorkerLauncher launcher;
    private final ArenaPool arenas;
    private final RunSpares spares = RunSpares.plain(this);
    private final RunSpares sandboxedSpares = RunSpares.sandboxed(this);
    private final ExecutorService starter;
    private final ScheduledExecutorService timer;
    private final ExecutorService completer = Executors.newCachedThreadPool(daemon("isolate-completion"));
    private final Set<IsolateProcess> live = ConcurrentHashMap.newKeySet();
    private final Map<Integer, IsolateProcess> byId = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private static final int RECENT_EXITS = 4096;
    private final Map<Integer, IsolateExit> recentExits = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, IsolateExit> eldest) {
            return size() > RECENT_EXITS;
        }
    };
    /** System property: how many isolates may start at once. */
    static final String MAX_CONCURRENT_STARTS_PROPERTY = "isolates.maxConcurrentStarts";
    private final Semaphore starts = new Semaphore(maxConcurrentStarts(), true);

    private Session(SessionDirectory directory) {
        this.directory = directory;
        this.codec = SupervisorCodec.create();
        this.launcher = new WorkerLauncher(codec, line -> System.err.println(line));
        this.arenas = new ArenaPool(directory);
        this.starter = Executors.newCachedThreadPool(daemon("isolate-start"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("isolate-timer"));
    }

    private static final class Holder {
        static final Session INSTANCE = create();
    }

    static Session get() {
        return Holder.INSTANCE;
    }

    private static Session create() {
        try {
            Session s = new Session(SessionDirectory.create());
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "isolates-session-close"));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the isolates session directory", e);
        }
    }

    KryoCodec codec() {
        return codec;
    }

    RunSpares spares() {
        return spares;
    }

    /** Untrusted spares in the default sandbox, for calls that bring their classpath late. */
    RunSpares sandboxedSpares() {
        return sandboxedSpares;
    }

    ArenaPool arenas() {
        return arenas;
    }

    /** Runs callers' future callbacks off the isolates' reader threads. */
    ExecutorService completer() {
        return completer;
    }

    ExecutorService starter() {
        return starter;
    }

    Path directory() {
        return directory.path();
    }

    String nextName() {
        return "isolate-" + names.incrementAndGet();
    }

    /** Starts a worker JVM and returns it once its channel is connected; blocks for its start-up. */
    IsolateProcess launch(WorkerSpec spec) throws WorkerStartException {
        return launch(spec, false, dev.isolates.IsolateOptions.defaults().maxMessageSize());
    }

    /**
     * As {@link #launch(WorkerSpec)}; an untrusted isolate's messages are decoded with the allow-list,
     * and messages over {@code maxMessageSize} bytes from the isolate are refused unread.
     */
    IsolateProcess launch(WorkerSpec spec, boolean untrusted, long maxMessageSize) throws WorkerStartException {
        try {
            return start(spec, untrusted, maxMessageSize);
        } catch (WorkerStartException | RuntimeException | Error e) {
            if (spec.output() != null) {
                spec.output().ended().run(); // no worker writes to its streams
            }
            throw e;
        }
    }

    private IsolateProcess start(WorkerSpec spec, boolean untrusted, long maxMessageSize) throws WorkerStartException {
        IsolatePaths paths;
        try {
            paths = directory.newIsolate();
        } catch (IOException e) {
            throw new WorkerStartException("could not make the folder of isolate \"" + spec.debugName() + "\" in "
                    + directory.path() + ": " + e, List.of(), "", e);
        }
        Path supervisorArena = untrusted ? arenas.leaseUnshared() : arenas.lease();
        Path workerArena = untrusted ? arenas.leaseUnshared() : arenas.lease();
        IsolateStartedEvent started = new IsolateStartedEvent();
        started.begin();
        IsolateProcess isolate;
        try {
            if (spec.inProcess() && !untrusted) {
                InProcessWorker worker = launcher.launchInProcess(spec, paths, supervisorArena, workerArena, codec);
                worker.channel().limitInbound(maxMessageSize);
                isolate = new IsolateProcess(spec.debugName(), worker, supervisorArena, workerArena, this, maxMessageSize);
                if (spec.output() != null) {
                    spec.output().ended().run(); // an in-process isolate writes to this JVM's streams
                }
            } else {
                LaunchedWorker worker = launchInTurn(spec, paths, supervisorArena, workerArena, untrusted);
                worker.channel().limitInbound(maxMessageSize);
                isolate = new IsolateProcess(spec.debugName(), worker, supervisorArena, workerArena, this,
                        untrusted, spec.sandbox(), maxMessageSize);
            }
        } catch (WorkerStartException | RuntimeException | Error e) {
            giveBackQuietly(supervisorArena);
            giveBackQuietly(workerArena);
            try {
                SessionDirectory.deleteTree(paths.root());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
        live.add(isolate);
        byId.put(isolate.id(), isolate);
        if (started.shouldCommit()) {
            started.pid = isolate.pid();
            started.debugName = spec.debugName();
            started.untrusted = untrusted;
            started.sandboxed = spec.sandbox().enabled();
            started.commit();
        }
        LOG.debug("isolate {} started, pid {}", spec.debugName(), isolate.pid());
        return isolate;
    }

    /**
     * Launches once a start is allowed: at most {@link #maxConcurrentStarts} JVMs start at a time,
     * from fork until connected, and the rest wait their turn (in order). Many JVMs starting at once
     * on a few cores each take so long that starts time out; one at a time per core, a burst is only
     * slower. The connect timeout runs from when the turn comes.
     */
    private LaunchedWorker launchInTurn(WorkerSpec spec, IsolatePaths paths, Path supervisorArena, Path workerArena,
                                        boolean untrusted) throws WorkerStartException {
        try {
            starts.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStartException("isolate \"" + spec.debugName() + "\" was not started: interrupted while "
                    + "waiting for its turn to start", List.of(), "", e);
        }
        try {
            return launcher.launch(spec, paths, supervisorArena, workerArena, untrusted ? untrustedCodec : codec);
        } finally {
            starts.release();
        }
    }

    /** How many isolates may start at once: {@value #MAX_CONCURRENT_STARTS_PROPERTY}, default the cores, at least 2. */
    static int maxConcurrentStarts() {
        int configured = Integer.getInteger(MAX_CONCURRENT_STARTS_PROPERTY,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        return Math.max(1, configured);
    }

    private void giveBackQuietly(Path arena) {
        try {
            arenas.giveBack(arena);
        } catch (IOException e) {
            LOG.debug("could not return arena {}", arena, e);
        }
    }

    /** Removes an isolate that has ended, keeping how it ended for {@link #exitOf} to answer late watchers. */
    void forget(IsolateProcess isolate, IsolateExit exit) {
        synchronized (recentExits) {
            recentExits.put(isolate.id(), exit);
        }
        live.remove(isolate);
        byId.remove(isolate.id(), isolate);
    }

    /**
     * How the isolate numbered {@code id} ended, for a watcher that asks after it was forgotten; an
     * isolate that ended long ago (more than {@value #RECENT_EXITS} isolates back) answers
     * {@code "ended"} without its code.
     */
    IsolateExit exitOf(int id) {
        synchronized (recentExits) {
            IsolateExit exit = recentExits.get(id);
            return exit != null ? exit : new IsolateExit(-1, OptionalInt.empty(), "ended");
        }
    }

    /** The live isolate numbered {@code id}, or null. */
    IsolateProcess process(int id) {
        return byId.get(id);
    }

    ScheduledFuture<?> scheduleOnce(long millis, Runnable task) {
        return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> scheduleEvery(long millis, Runnable task) {
        return timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a periodic check failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The isolates alive now; for tests and statistics. */
    int liveCount() {
        return live.size();
    }

    private void close() {
        List<IsolateProcess> ending = List.copyOf(live);
        for (IsolateProcess isolate : ending) {
            // One already asked to end in order (an Isolates.run that has answered) is given the deadline
            // below to finish: a JVM that records its classes for an archive writes the record as it
            // exits, and a killed one leaves none, so a program that ends right after its first
            // isolate would never get an archive.
            if (!isolate.endingInOrder()) {
                isolate.killAsSupervisorExits();
            }
        }
        // One deadline for all, so that exiting takes seconds, not seconds per isolate.
        long exitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (IsolateProcess isolate : ending) {
            try {
                long left = Math.max(1, exitDeadline - System.nanoTime());
                if (isolate.endingInOrder()) {
                    awaitEnd(isolate, left);
                } else {
                    isolate.awaitExit(left);
                }
                isolate.endOrphans(); // the reader thread that would may not get to it before this JVM ends
            } catch (RuntimeException e) {
                LOG.debug("isolate {} did not exit in time", isolate.debugName(), e);
            }
        }
        // What an isolate printed last may still be in the pipe to this JVM's stdout (a child process
        // of its task may hold the pipe open for ever, hence the one deadline).
        long outputDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (IsolateProcess isolate : ending) {
            isolate.awaitOutput(Math.max(1, TimeUnit.NANOSECONDS.toMillis(outputDeadline - System.nanoTime())));
        }
        try {
            directory.close();
        } catch (UncheckedIOException e) {
            System.err.println("isolates: " + e.getMessage());
        }
    }

    /**
     * Waits up to {@code nanos} until an isolate ending in order has ended and its end was handled
     * (which starts the making of its archive, if it recorded one), else kills it.
     */
    private static void awaitEnd(IsolateProcess isolate, long nanos) {
        try {
            isolate.exited().orTimeout(nanos, TimeUnit.NANOSECONDS).join();
        } catch (CompletionException e) {
            LOG.debug("isolate {} did not end in order in time; killing it", isolate.debugName(), e);
            isolate.killAsSupervisorExits();
            isolate.awaitExit(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
