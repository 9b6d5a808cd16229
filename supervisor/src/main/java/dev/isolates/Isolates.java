package dev.isolates;

import dev.isolates.launcher.JdkFlags;
import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.supervisor.RunCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.openhft.posix.PosixAPI;

/**
 * Runs computations in isolates: each isolate is its own JVM process, with its own heap, so a crash,
 * an exhausted heap or a {@code System.exit} there never reaches the caller.
 *
 * <pre>{@code
 * CompletableFuture<Integer> sum = Isolates.run(() -> IntStream.rangeClosed(1, 100).sum());
 * sum.get();   // 5050
 * }</pre>
 *
 * <p>All methods are safe to call from any thread.
 */
public final class Isolates {
    private Isolates() {
    }

    /**
     * Runs {@code computation} in a fresh isolate and completes with its result, like Dart's
     * {@code Isolate.run}. The future always completes: with the value; with the exception the
     * computation threw (same class, message and remote stack where it can be rebuilt, else a
     * {@link RemoteException}); or with an {@link IsolateCrashedException},
     * {@link IsolateTimeoutException}, {@link UnsendableException} or {@link IsolateStartException};
     * at once with {@link MissingJvmOptionsException} in a JVM started without the options the
     * library needs.
     *
     * @param <T>         the result type
     * @param computation what to run; it and all it captures are copied to the isolate, so must be
     *                    sendable
     * @return the result's future; it completes once the isolate has answered or ended
     */
    public static <T> CompletableFuture<T> run(IsolateCallable<T> computation) {
        return run(computation, IsolateOptions.defaults());
    }

    /**
     * As {@link #run(IsolateCallable)}, with the isolate's JVM started as {@code options} say.
     *
     * @param <T>         the result type
     * @param computation what to run; it and all it captures are copied to the isolate
     * @param options     how to start the isolate's JVM (heap, arguments, classpath); its
     *                    {@link IsolateOptions#timeout() timeout} bounds the computation
     * @return the result's future, completing as for {@link #run(IsolateCallable)}
     */
    public static <T> CompletableFuture<T> run(IsolateCallable<T> computation, IsolateOptions options) {
        Objects.requireNonNull(computation, "computation");
        Objects.requireNonNull(options, "options");
        return RunCall.start(computation, options);
    }

    /**
     * Starts a long-running isolate that runs {@code entryPoint.start(message)} on its event loop,
     * like Dart's {@code Isolate.spawn}, and completes once it runs. The isolate lives on while it
     * has open receive ports. The options' {@code paused}, {@code errorsAreFatal}, {@code onExit}
     * and {@code onError} take effect before the entry point starts.
     *
     * <pre>{@code
     * ReceivePort replies = new ReceivePort();
     * Isolate echo = Isolates.spawn(reply -> {
     *     ReceivePort requests = new ReceivePort();
     *     reply.send(requests.sendPort());
     *     requests.listen(m -> reply.send("echo: " + m));
     * }, replies.sendPort()).get();
     * SendPort requests = (SendPort) replies.receive();
     * requests.send("hi");
     * replies.receive();   // "echo: hi"
     * }</pre>
     *
     * <p>Fails with {@link UnsendableException} if the entry point or message cannot be sent, with
     * {@link IsolateStartException} if the JVM cannot start.
     *
     * @param <M>        the type of the first message
     * @param entryPoint the code the isolate starts with; it and all it captures are copied to the
     *                   isolate
     * @param message    the first message, usually a {@link SendPort} to answer on; copied; may be null
     * @return the isolate's handle, once its JVM runs; or the failure
     */
    public static <M> CompletableFuture<Isolate> spawn(IsolateEntryPoint<M> entryPoint, M message) {
        return spawn(entryPoint, message, IsolateOptions.defaults());
    }

    /**
     * As {@link #spawn(IsolateEntryPoint, Object)}, with the isolate started as {@code options} say.
     *
     * @param <M>        the type of the first message
     * @param entryPoint the code the isolate starts with; copied to the isolate
     * @param message    the first message; copied; may be null
     * @param options    how to start the isolate's JVM, and its {@code paused}, {@code errorsAreFatal},
     *                   {@code onExit} and {@code onError} settings
     * @return the isolate's handle, once its JVM runs; or the failure
     */
    public static <M> CompletableFuture<Isolate> spawn(IsolateEntryPoint<M> entryPoint, M message,
                                                       IsolateOptions options) {
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(options, "options");
        return IsolateRuntime.current().spawn(entryPoint, message, options);
    }

    /**
     * Sends {@code message} to {@code port} as this isolate's last word, then ends the isolate at
     * once, like Dart's {@code Isolate.exit}: no {@code finally} blocks or shutdown hooks run. Large
     * arrays and {@link TransferableBuffer}s go by transfer, without a copy.
     *
     * @param port    where the last message goes, in any isolate
     * @param message the last message; may be null
     * @throws IllegalStateException in the main isolate, which ends with its JVM
     * @throws UnsendableException if the message cannot be sent; the isolate then goes on
     */
    public static void exit(SendPort port, Object message) {
        Objects.requireNonNull(port, "port");
        IsolateRuntime.current().exit(port, message);
    }

    /**
     * The isolate this code runs in: the main isolate in the supervisor's JVM, else a spawned one.
     *
     * @return the handle of the calling code's own isolate
     */
    public static Isolate current() {
        return IsolateRuntime.current().currentIsolate();
    }

    /**
     * The JVM options a program that embeds the library needs, for the JDK running now, as
     * {@code isolatectl jvm-options} prints them: the module opens and exports Chronicle Queue and
     * Kryo need (without them every call fails with {@link MissingJvmOptionsException}), and system
     * properties that keep Chronicle from reporting usage, name the library's quiet Logback
     * configuration (used only where Logback is on the classpath) and keep SLF4J's own warnings,
     * such as "No SLF4J providers were found", off stderr. Isolates get all of these themselves.
     *
     * @return a new, modifiable list, in the order they go on the {@code java} command line
     */
    public static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(JdkFlags.forThisJdk());
        options.add(JdkFlags.SLF4J_WARNINGS_OFF);
        return options;
    }

    /**
     * Makes this JVM's Chronicle queues run without their native POSIX binding, as every isolate
     * does: loading it costs a JVM start about 70 ms (jnr-ffi generates code), and the queues of
     * isolates, in shared memory, never need it. It holds for the whole JVM, so it is for programs
     * that use Chronicle only through this library, such as {@code isolatectl}; call it first thing
     * in {@code main}, before any isolate starts, or it has no effect on queues already open.
     */
    public static void disableNativePosix() {
        PosixAPI.useNoOpPosixApi();
    }
}
