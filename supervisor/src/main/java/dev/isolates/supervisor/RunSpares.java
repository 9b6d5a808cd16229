package dev.isolates.supervisor;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.Sandbox;
import dev.isolates.launcher.SandboxSpec;
import dev.isolates.launcher.WorkerSpec;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.MessageKind;
import dev.isolates.runtime.SpawnSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prestarted, never-used isolates for {@code Isolates.run}, so a call finds a JVM ready at once and
 * each call still gets a fresh isolate. One set holds plain isolates, for calls with plain options;
 * another holds untrusted isolates in the default sandbox, whose output is bound when a call takes
 * one, for calls that bring their classpath late (see {@link RunCall#startPrestarted}). After the
 * first call that looks for one, this many spares are kept ready ({@value #PROPERTY}, default 1);
 * spares unused for a while ({@value #IDLE_PROPERTY} ms, default 30 s) are ended, so an idle
 * program keeps no extra JVM.
 *
 * <p>Thread-safe.
 */
final class RunSpares {
    static final String PROPERTY = "isolates.run.spares";
    static final String IDLE_PROPERTY = "isolates.run.spareIdleMillis";
    private static final Logger LOG = LoggerFactory.getLogger(RunSpares.class);
    private static final IsolateListener IDLE = new IsolateListener() {
        @Override
        public void onAnswer(IsolateProcess isolate, Answer answer) {
        }

        @Override
        public void onExit(IsolateProcess isolate, IsolateExit exit) {
        }
    };

    static final long REFILL_DELAY_MILLIS = 250;
    /**
     * When a call found no sandboxed spare it starts an isolate of its own; the spare starts after
     * that one is up, not beside it.
     */
    static final long MISSED_REFILL_DELAY_MILLIS = 1_500;
    /** Enough for the call path to be compiled: one run left a first call here 1 to 2 ms slower. */
    static final int WARM_UP_RUNS = 50;

    private final Session session;
    /** The options every spare of this set starts with; untrusted ones get their output bound late. */
    private final IsolateOptions options;
    private final int count = Math.max(0, Integer.getInteger(PROPERTY, 1));
    private final long idleMillis = Long.getLong(IDLE_PROPERTY, 30_000L);
    private final Deque<Spare> ready = new ArrayDeque<>();
    private int starting;
    private long lastUse;
    private boolean reaperStarted;

    /**
     * One prestarted isolate.
     *
     * @param process its JVM, started and warmed up
     * @param output  where its output goes once bound; null for a plain spare, whose output goes to
     *                the session's sinks
     */
    record Spare(IsolateProcess process, LateOutput output) {
    }

    private RunSpares(Session session, IsolateOptions options) {
        this.session = session;
        this.options = options;
    }

    /** Spares for calls with plain options. */
    static RunSpares plain(Session session) {
        return new RunSpares(session, IsolateOptions.defaults());
    }

    /** Untrusted spares in the default sandbox, their output bound late. */
    static RunSpares sandboxed(Session session) {
        return new RunSpares(session, IsolateOptions.builder().untrusted(true).sandbox(Sandbox.strict()).build());
    }

    /** The sandbox the spares run in. */
    SandboxSpec sandbox() {
        return SpawnSpec.of(options).resolvedSandbox();
    }

    /** How many spares are ready now. */
    synchronized int readyCount() {
        return ready.size();
    }

    /** A prestarted isolate, or null when none is ready; starts replacements either way. */
    Spare take() {
        if (count == 0) {
            return null;
        }
        Spare spare = null;
        synchronized (this) {
            lastUse = System.nanoTime();
            while (!ready.isEmpty()) {
                Spare s = ready.pollFirst();
                if (s.process().isAlive()) {
                    spare = s;
                    break;
                }
                s.process().start(IDLE); // its reader sees the death and cleans up
            }
            if (spare != null) {
                // Start the replacement a moment later: a JVM starting now would take the CPU this call needs.
                refillAfter(REFILL_DELAY_MILLIS);
            } else if (options.untrusted()) {
                refillAfter(MISSED_REFILL_DELAY_MILLIS);
            }
            // Else the call starts a JVM of its own, and afterColdStart() starts the spares once it is up.
            if (!reaperStarted) {
                reaperStarted = true;
                session.scheduleEvery(Math.max(1_000, idleMillis / 3), this::endIdle);
            }
        }
        return spare;
    }

    /**
     * Called when a call that found no spare has its own isolate up: the spares start a moment later,
     * not beside that isolate's start, which needs every core a small machine has.
     */
    void afterColdStart() {
        if (count > 0) {
            refillAfter(REFILL_DELAY_MILLIS);
        }
    }

    private void refillAfter(long millis) {
        session.scheduleOnce(millis, () -> {
            synchronized (this) {
                refill();
            }
        });
    }

    private void refill() {
        while (ready.size() + starting < count) {
            starting++;
            session.starter().execute(this::startOne);
        }
    }

    private void startOne() {
        IsolateProcess p = null;
        Spare warm = null;
        try {
            LateOutput output = options.untrusted() ? new LateOutput() : null;
            WorkerSpec spec = SpawnSpec.of(options).workerSpec(session.nextName(), RunCall.START_TIMEOUT)
                    .withInProcess(false) // a spare is a JVM, taken only by calls that want one
                    .withOutput(output == null ? null : output.asWorkerOutput());
            p = session.launch(spec, options.untrusted(), options.maxMessageSize());
            warmUp(p);
            warm = new Spare(p, output);
        } catch (WorkerStartException e) {
            LOG.debug("could not prestart an isolate for Isolates.run: {}", e.getMessage());
        } catch (IOException | RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            LOG.debug("a prestarted isolate failed its warm-up: {}", e.toString());
        } finally {
            // Also after an Error, which goes on to the starter thread: else no spare is ever started again.
            if (p != null && warm == null) {
                p.kill();
            }
            synchronized (this) {
                starting--;
                if (warm != null) {
                    ready.addLast(warm);
                }
            }
        }
    }

    /**
     * Runs a trivial computation of the library's own {@value #WARM_UP_RUNS} times, so the code every
     * call goes through (decoding a closure, encoding a result, the channel both ways) is loaded,
     * linked and compiled before a user's call needs it. The isolate has still run none of the
     * user's code.
     */
    private static void warmUp(IsolateProcess p) throws IOException, InterruptedException, ExecutionException,
            TimeoutException {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        p.start(new IsolateListener() {
            @Override
            public void onAnswer(IsolateProcess isolate, Answer answer) {
                answers.add(answer);
            }

            @Override
            public void onExit(IsolateProcess isolate, IsolateExit exit) {
                answers.add(new IllegalStateException("ended during its warm-up: " + exit));
            }
        });
        int one = 1;
        IsolateCallable<Integer> trivial = () -> one + 1;
        for (int i = 1; i <= WARM_UP_RUNS; i++) {
            p.send(MessageKind.RUN, i, trivial);
            Object answer = answers.poll(60, TimeUnit.SECONDS);
            if (answer == null) {
                throw new TimeoutException("no answer to warm-up run " + i + " within 60 s");
            }
            if (answer instanceof IllegalStateException ended) {
                throw new ExecutionException(ended);
            }
            Throwable failed = answer instanceof Answer a ? FutureCompleter.exception(a) : null;
            if (failed != null) {
                throw new ExecutionException(failed);
            }
        }
        p.start(IDLE);
    }

    private void endIdle() {
        synchronized (this) {
            if (ready.isEmpty() || System.nanoTime() - lastUse < idleMillis * 1_000_000L) {
                return;
            }
            while (!ready.isEmpty()) {
                IsolateProcess p = ready.pollFirst().process();
                p.start(IDLE);
                p.shutdown();
            }
        }
    }
}
