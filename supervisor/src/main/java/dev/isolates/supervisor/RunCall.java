package dev.isolates.supervisor;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.launcher.WorkerSpec;
import dev.isolates.launcher.WorkerStartException;
import dev.isolates.protocol.InsufficientSpaceException;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.runtime.SendFailures;
import dev.isolates.runtime.SpawnSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One {@code Isolates.run}: a fresh isolate, one RUN message, one answer, then the isolate ends.
 * The future completes exactly once: with the value, the rebuilt exception, or an
 * {@link IsolateException} saying why there is no answer.
 *
 * <p>Public as the seam through which {@link dev.isolates.Isolates#run} reaches the supervisor side.
 *
 * <p>Listener callbacks come from the isolate's reader thread; the rest is safe from any thread.
 */
public final class RunCall<T> implements IsolateListener {
    /** System property: how long an isolate's JVM may take to connect once its start began, in ms. */
    static final String START_TIMEOUT_PROPERTY = "isolates.startTimeoutMillis";
    /** How long an isolate's JVM may take to start and connect. */
    static final Duration START_TIMEOUT = Duration.ofMillis(Math.max(1, Long.getLong(START_TIMEOUT_PROPERTY, 60_000L)));
    private static final long CORRELATION = 1;

    private final byte[] encoded;
    private final IsolateOptions options;
    private final Session session;
    private final CompletableFuture<T> future = new SpinningFuture<>();
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> timeoutTask;

    private RunCall(byte[] encoded, IsolateOptions options, Session session) {
        this.encoded = encoded;
        this.options = options;
        this.session = session;
    }

    /** Checks that {@code computation} can be sent, then starts it in a fresh isolate. */
    public static <T> CompletableFuture<T> start(IsolateCallable<T> computation, IsolateOptions options) {
        IsolateException missing = JvmOptionsCheck.failure();
        if (missing != null) {
            return CompletableFuture.failedFuture(missing);
        }
        Session session = Session.get();
        byte[] encoded;
        try {
            encoded = session.codec().encode(computation); // the sendability check, before any JVM starts
        } catch (UnsendableObjectException e) {
            return CompletableFuture.failedFuture(SendFailures.unsendable("computation", e));
        }
        RunCall<T> call = new RunCall<>(encoded, options, session);
        boolean plain = plain(options);
        RunSpares.Spare spare = plain ? session.spares().take() : null;
        if (spare != null) {
            call.runIn(spare.process()); // a prestarted isolate is ready: no thread hand-off
        } else {
            session.starter().execute(() -> call.launch(plain));
        }
        return call.future;
    }

    /**
     * Runs a computation that brings its own classpath in a prestarted, untrusted, sandboxed
     * isolate, when one fits {@code options} and is ready. The isolate's JVM started without
     * {@code options.classpath()}: its entries are copied into the isolate's folder, and
     * {@code computation} gets the copies' paths, to load the classes it needs from them (with a
     * class loader of its own). The isolate is fresh: it has run no one's code but the library's.
     *
     * <p>Options fit when they ask for an untrusted isolate in {@link dev.isolates.Sandbox#strict()},
     * with output streams, and for nothing else about its JVM: no heap, JVM arguments, environment
     * or folder. The isolate takes the options' debug name in errors; its process keeps its own.
     *
     * @return the call's future, as {@link #start} gives; null when no spare fits or none is ready,
     *         in which case one is started for a later call
     */
    public static <T> CompletableFuture<T> startPrestarted(IsolateOptions options,
                                                           Function<List<String>, IsolateCallable<T>> computation) {
        IsolateException missing = JvmOptionsCheck.failure();
        if (missing != null) {
            return CompletableFuture.failedFuture(missing);
        }
        Session session = Session.get();
        RunSpares spares = session.sandboxedSpares();
        if (!fitsSandboxedSpare(options, spares) || !LateClasspath.fits(options.classpath())) {
            return null;
        }
        RunSpares.Spare spare = spares.take();
        if (spare == null) {
            return null;
        }
        IsolateProcess isolate = spare.process();
        byte[] encoded;
        try {
            List<String> copies = LateClasspath.copy(options.classpath(), isolate.directory());
            encoded = session.codec().encode(computation.apply(copies));
            spare.output().bind(IsolateOutputs.of(options));
        } catch (UnsendableObjectException e) {
            isolate.kill();
            return CompletableFuture.failedFuture(SendFailures.unsendable("computation", e));
        } catch (IOException e) {
            isolate.kill();
            return CompletableFuture.failedFuture(new IsolateException("could not give its classpath and output to "
                    + Failures.describe(isolate) + ": " + e, e));
        }
        isolate.rename(options.debugName().orElseGet(session::nextName));
        RunCall<T> call = new RunCall<>(encoded, options, session);
        call.runIn(isolate);
        return call.future;
    }

    /** How many prestarted sandboxed isolates wait for {@link #startPrestarted} now. */
    public static int prestartedReady() {
        return Session.get().sandboxedSpares().readyCount();
    }

    private static boolean fitsSandboxedSpare(IsolateOptions o, RunSpares spares) {
        return o.untrusted() && !o.inProcess() && o.maxHeap().isEmpty() && o.jvmArgs().isEmpty()
                && o.environment().isEmpty() && o.workingDirectory().isEmpty() && o.stdout().isPresent()
                && o.sandbox().isPresent() && SpawnSpec.spec(o.sandbox().orElseThrow()).equals(spares.sandbox());
    }

    /** Starts this call's own isolate and runs the call in it; {@code plain}: a spare would have done, so start those next. */
    private void launch(boolean plain) {
        String name = options.debugName().orElseGet(session::nextName);
        WorkerSpec spec = SpawnSpec.of(options).workerSpec(name, START_TIMEOUT).withOutput(IsolateOutputs.of(options))
                .withDirectory(options.workingDirectory().orElse(null));
        IsolateProcess isolate;
        try {
            isolate = session.launch(spec, options.untrusted(), options.maxMessageSize());
        } catch (WorkerStartException | RuntimeException | Error e) {
            future.completeExceptionally(Failures.notStarted(name, e));
            return;
        }
        runIn(isolate);
        if (plain) {
            session.spares().afterColdStart();
        }
    }

    private void runIn(IsolateProcess isolate) {
        isolate.start(this);
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                isolate.kill();
            }
        });
        try {
            isolate.forward(MessageKind.RUN, CORRELATION, ByteBuffer.wrap(encoded));
        } catch (InsufficientSpaceException e) {
            future.completeExceptionally(SendFailures.diskFull("the computation to " + Failures.describe(isolate), e));
            isolate.kill();
            return;
        } catch (IOException e) {
            future.completeExceptionally(new IsolateException("could not send the computation to "
                    + Failures.describe(isolate) + ": " + e, e));
            isolate.kill();
            return;
        }
        options.timeout().ifPresent(t -> timeoutTask = session.scheduleOnce(t.toMillis(), () -> {
            if (!future.isDone()) {
                timedOut = true;
                isolate.kill();
            }
        }));
    }

    /** Options a prestarted isolate (a JVM) satisfies: nothing about the JVM differs from the default. */
    private static boolean plain(IsolateOptions o) {
        return !o.untrusted() && !o.inProcess() && o.debugName().isEmpty() && o.maxHeap().isEmpty() && o.jvmArgs().isEmpty() && o.classpath().isEmpty()
                && o.environment().isEmpty() && o.stdout().isEmpty() && o.workingDirectory().isEmpty();
    }

    @Override
    public void onAnswer(IsolateProcess isolate, Answer answer) {
        isolate.shutdown();
        if (!(answer instanceof Answer.Unreadable)) {
            cancelTimeout();
        }
        FutureCompleter.complete(future, answer);
    }

    @Override
    public void onExit(IsolateProcess isolate, IsolateExit exit) {
        cancelTimeout();
        if (future.isDone()) {
            return;
        }
        if (timedOut) {
            future.completeExceptionally(new IsolateTimeoutException(isolate.debugName(), isolate.pid(),
                    options.timeout().orElseThrow()));
        } else {
            future.completeExceptionally(Failures.crashed(isolate, exit));
        }
    }

    private void cancelTimeout() {
        ScheduledFuture<?> t = timeoutTask;
        if (t != null) {
            t.cancel(false);
        }
    }

}
